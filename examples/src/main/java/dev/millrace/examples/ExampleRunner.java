package dev.millrace.examples;

import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.Topology;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/** Runs an example's topology until the JVM is asked to stop (Ctrl-C), then closes it so its state is flushed. */
public final class ExampleRunner {
    private ExampleRunner() {
    }

    public static void runUntilStopped(String name, Topology topology, Properties config) throws InterruptedException {
        KafkaStreams streams = new KafkaStreams(topology, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }, name + "-shutdown-hook"));
        System.out.println(name + ": running against " + config.get("bootstrap.servers") + "; Ctrl-C to stop");
        System.out.println(topology.describe());
        streams.start();
        stopped.await();
    }
}
