package dev.millrace.streams.integration;

import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.millrace.streams.errors.TopologyException;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Produced;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.millrace.streams.integration.RuntimeTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up checks, the uncaught exception handler's responses and cleanUp, against a real broker. */
class KafkaStreamsLifecycleTest {
    @RegisterExtension
    static final InProcessBroker BROKER = new InProcessBroker();

    @TempDir
    Path state;

    @Test
    void statefulSourcesWithDifferentPartitionCountsFailWithKafkasMessage() throws Exception {
        createTopic(BROKER.bootstrap(), "cp-a", 2);
        createTopic(BROKER.bootstrap(), "cp-b", 3);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("cp-a").merge(b.stream("cp-b")).groupByKey().count();
        KafkaStreams streams = new KafkaStreams(b.build(), config(BROKER.bootstrap(), "cp", state));
        TopologyException e = assertThrows(TopologyException.class, streams::start);
        assertEquals("Invalid topology: Topics not co-partitioned: [cp-a,cp-b]", e.getMessage());
        assertEquals(KafkaStreams.State.ERROR, streams.state());
        streams.close();
    }

    @Test
    void aMissingSourceTopicFailsAtStart() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("no-such-topic").to("out");
        KafkaStreams streams = new KafkaStreams(b.build(), config(BROKER.bootstrap(), "missing", state));
        Exception e = assertThrows(RuntimeException.class, streams::start);
        assertTrue(e.getMessage().contains("Missing source topics [no-such-topic]"), e.getMessage());
        streams.close();
    }

    /** REPLACE_THREAD: the dead thread's replacement rejoins the group and processes the failed record again. */
    @Test
    void replaceThreadResumesAfterAFailure() throws Exception {
        createTopic(BROKER.bootstrap(), "rt-in", 2);
        AtomicBoolean failedOnce = new AtomicBoolean();
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("rt-in").mapValues(v -> {
            if (v.equals("poison") && failedOnce.compareAndSet(false, true)) throw new IllegalStateException("poison");
            return v.toUpperCase();
        }).to("rt-out", Produced.with(Serdes.String(), Serdes.String()));
        AtomicInteger handled = new AtomicInteger();
        List<Throwable> errors = new ArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(b.build(), config(BROKER.bootstrap(), "rt", state))) {
            streams.setUncaughtExceptionHandler(e -> {
                handled.incrementAndGet();
                errors.add(e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            streams.start();
            produce(BROKER.bootstrap(), "rt-in", List.of(new String[] {"k1", "a"}, new String[] {"k2", "poison"}, new String[] {"k3", "c"}));
            waitUntil("all three records out", 60_000, () -> latest(BROKER.bootstrap(), "rt-out", new StringDeserializer())
                    .equals(Map.of("k1", "A", "k2", "POISON", "k3", "C")));
            awaitState(streams, KafkaStreams.State.RUNNING, 30_000);
            assertEquals(1, handled.get());
            assertTrue(errors.get(0).getMessage().contains("Exception caught in process"), errors.get(0).getMessage());
            assertEquals(1, streams.localThreadsTasks().size(), "one live thread, the replacement");
            assertTrue(streams.localThreadsTasks().containsKey("rt-StreamThread-2"), streams.localThreadsTasks().toString());
        }
    }

    /**
     * Stores see each processed record's context: changelog records (and outputs) carry the input record's
     * timestamp, not the wall clock.
     */
    @Test
    void changelogRecordsCarryTheProcessedRecordsTimestamps() throws Exception {
        createTopic(BROKER.bootstrap(), "ts-in", 1);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("ts-in").groupByKey().count(Materialized.as("ts-counts"))
                .toStream().to("ts-out", Produced.with(Serdes.String(), Serdes.Long()));
        Properties p = config(BROKER.bootstrap(), "ts", state);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", BROKER.bootstrap()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) producer.send(new ProducerRecord<>("ts-in", 0, 1_000L + i, "k" + (i % 3), "v"));
        }
        try (KafkaStreams streams = new KafkaStreams(b.build(), p)) {
            streams.start();
            waitUntil("ten updates out", 60_000, () -> readAll(BROKER.bootstrap(), "ts-out", new LongDeserializer()).size() == 10);
        }
        List<Long> changelogTimestamps = new ArrayList<>();
        for (var r : readAll(BROKER.bootstrap(), "ts-ts-counts-changelog", new LongDeserializer())) changelogTimestamps.add(r.timestamp());
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) expected.add(1_000L + i);
        assertEquals(expected, changelogTimestamps);
        List<Long> outputTimestamps = new ArrayList<>();
        for (var r : readAll(BROKER.bootstrap(), "ts-out", new LongDeserializer())) outputTimestamps.add(r.timestamp());
        assertEquals(expected, outputTimestamps);
    }

    /** close() commits what was processed even long before the next commit.interval.ms would have. */
    @Test
    void closeCommitsWhatWasProcessed() throws Exception {
        createTopic(BROKER.bootstrap(), "cc-in", 2);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("cc-in").mapValues(v -> v + "!").to("cc-out");
        Properties p = config(BROKER.bootstrap(), "cc", state);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "600000");
        List<String[]> input = new ArrayList<>();
        for (int i = 0; i < 50; i++) input.add(new String[] {"k" + i, "v" + i});
        try (KafkaStreams streams = new KafkaStreams(b.build(), p)) {
            streams.start();
            produce(BROKER.bootstrap(), "cc-in", input);
            waitUntil("all processed", 60_000, () -> latest(BROKER.bootstrap(), "cc-out", new StringDeserializer()).size() == 50);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrap()))) {
                assertTrue(admin.listConsumerGroupOffsets("cc").partitionsToOffsetAndMetadata().get().isEmpty(),
                        "nothing committed before the interval");
            }
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrap()))) {
            long committed = 0;
            for (OffsetAndMetadata o : admin.listConsumerGroupOffsets("cc").partitionsToOffsetAndMetadata().get().values()) {
                committed += o.offset();
            }
            assertEquals(50, committed, "close() committed every processed record's offset");
        }
    }

    /** The default response (SHUTDOWN_CLIENT): the client stops and ends in ERROR; cleanUp then removes its state. */
    @Test
    void aFailureShutsTheClientDownIntoErrorByDefault() throws Exception {
        createTopic(BROKER.bootstrap(), "sc-in", 1);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("sc-in").groupByKey().reduce((x, y) -> {
            throw new IllegalStateException("always");
        });
        KafkaStreams streams = new KafkaStreams(b.build(), config(BROKER.bootstrap(), "sc", state));
        List<KafkaStreams.State> seen = new ArrayList<>();
        streams.setStateListener((now, old) -> seen.add(now));
        streams.start();
        assertThrows(IllegalStateException.class, streams::cleanUp, "no clean-up while running");
        produce(BROKER.bootstrap(), "sc-in", List.of(new String[] {"k", "1"}, new String[] {"k", "2"}));
        awaitState(streams, KafkaStreams.State.ERROR, 60_000);
        assertTrue(seen.contains(KafkaStreams.State.PENDING_ERROR), seen.toString());
        assertTrue(streams.close(Duration.ofSeconds(10)));
        assertEquals(KafkaStreams.State.ERROR, streams.state());
        assertTrue(Files.exists(state.resolve("sc")));
        streams.cleanUp();
        assertFalse(Files.exists(state.resolve("sc")));
    }
}
