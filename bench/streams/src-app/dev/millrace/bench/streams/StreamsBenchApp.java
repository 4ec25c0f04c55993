package dev.millrace.bench.streams;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.WindowedSerdes;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * One benchmarked application in its own JVM. Written against Kafka Streams; run.sh compiles it as it is on Kafka
 * Streams' jars and, with the import prefix changed to dev.millrace.streams and nothing else, on Millrace's.
 * Prints to stdout: {@code STARTED <ms>} before start(), {@code RUNNING <ms>} when first running, {@code PROCESSED <ms>}
 * when the source has seen --records records; stops (close) when stdin ends.
 * Args: --case stateless|windowed --bootstrap B --app-id A --state-dir D --input T --output T --records N
 */
public final class StreamsBenchApp {
    /** The window of the stateful case, and of the windowed serde its output is written with. */
    static final long WINDOW_MS = 60_000;

    private StreamsBenchApp() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opts.put(args[i].substring(2), args[i + 1]);
        long records = Long.parseLong(opts.get("records"));

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, opts.get("app-id"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, opts.get("bootstrap"));
        props.put(StreamsConfig.STATE_DIR_CONFIG, opts.get("state-dir"));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // everything else (commit.interval.ms, statestore.cache.max.bytes, client settings) at its default

        Topology topology = build(opts.get("case"), opts.get("input"), opts.get("output"), records);
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) say("RUNNING");
        });
        say("STARTED");
        streams.start();
        try (BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (stdin.readLine() != null) {
                // the bench closes stdin when this run is over
            }
        }
        streams.close(Duration.ofSeconds(30));
        say("CLOSED");
    }

    static Topology build(String benchCase, String input, String output, long records) {
        StreamsBuilder builder = new StreamsBuilder();
        long[] seen = {0}; // touched by the one stream thread only
        KStream<String, String> source = builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .peek((k, v) -> {
                    if (++seen[0] == records) say("PROCESSED");
                });
        if (benchCase.equals("stateless")) {
            source.filter((k, v) -> v.charAt(0) < 'n')
                    .mapValues(v -> v.toUpperCase(Locale.ROOT))
                    .to(output, Produced.with(Serdes.String(), Serdes.String()));
        } else if (benchCase.equals("windowed")) {
            source.groupByKey()
                    .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(WINDOW_MS), Duration.ofSeconds(10)))
                    .count()
                    .toStream()
                    .to(output, Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, WINDOW_MS), Serdes.Long()));
        } else {
            throw new IllegalArgumentException("unknown case " + benchCase);
        }
        return builder.build();
    }

    private static void say(String what) {
        System.out.println(what + " " + System.currentTimeMillis());
        System.out.flush();
    }
}
