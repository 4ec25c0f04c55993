package dev.millrace.streams.integration;

import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.processor.TaskId;

import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * One application instance in its own JVM, so a test can kill it with SIGKILL (no close, no commit, no flush).
 * Args: bootstrap, application id, state dir, input topic, distinct output, count output, commit interval ms. Caching off.
 * Prints its tasks whenever
 * they change, as {@code TASKS 0_1,0_3}.
 */
public final class StreamsChildProcess {
    public static void main(String[] args) throws Exception {
        Properties config = RuntimeTestSupport.config(args[0], args[1], Path.of(args[2]));
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, args[6]);
        // no record cache: every update reaches the output and the changelog at once, uncommitted or not
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        KafkaStreams streams = new KafkaStreams(RuntimeTestSupport.distinctAndCount(args[3], args[4], args[5]), config);
        streams.start();
        String last = null;
        while (true) {
            Set<String> ids = new TreeSet<>();
            for (Set<TaskId> t : streams.localThreadsTasks().values()) for (TaskId id : t) ids.add(id.toString());
            String now = streams.state() + " " + String.join(",", ids);
            if (!now.equals(last)) {
                System.out.println("TASKS " + now);
                System.out.flush();
                last = now;
            }
            Thread.sleep(50);
        }
    }
}
