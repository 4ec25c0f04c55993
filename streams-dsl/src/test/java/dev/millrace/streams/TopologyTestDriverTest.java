package dev.millrace.streams;

import dev.millrace.streams.errors.StreamsException;

import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Produced;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.ValueAndTimestamp;
import dev.millrace.streams.test.TestRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test driver: input and output topics, timestamps, stores through state-store, re-read topics, errors. */
class TopologyTestDriverTest {
    @TempDir
    Path stateDir;

    private Properties config() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "driver-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        return p;
    }

    private static Topology upperCase() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").mapValues(v -> v.toUpperCase()).to("out");
        return b.build();
    }

    @Test
    void pipesRecordsWithTimestampsAndReadsThemBackInOrder() {
        try (TopologyTestDriver driver = new TopologyTestDriver(upperCase(), config())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer(),
                    Instant.ofEpochMilli(1000), Duration.ofMillis(10));
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            in.pipeInput("a", "x");                                   // topic time 1000, then 1010
            in.pipeInput("b", "y");                                   // 1010
            in.pipeInput("c", "z", 5L);                               // explicit: auto-advance untouched
            in.pipeInput("d", "w", Instant.ofEpochMilli(7));
            in.advanceTime(Duration.ofMillis(100));
            in.pipeInput("e", "v");                                   // 1020 + 100
            RecordHeaders headers = new RecordHeaders();
            headers.add("trace", "t1".getBytes(StandardCharsets.UTF_8));
            in.pipeInput(new TestRecord<>("f", "u", headers, Instant.ofEpochMilli(3)));
            in.pipeKeyValueList(List.of(KeyValue.pair("g", "s"), KeyValue.pair("h", "r")), Instant.ofEpochMilli(50), Duration.ofMillis(5));

            assertEquals(8, out.getQueueSize());
            assertEquals(KeyValue.pair("a", "X"), out.readKeyValue());
            TestRecord<String, String> b = out.readRecord();
            assertEquals("b", b.key());
            assertEquals(1010L, b.timestamp());
            assertEquals(5L, out.readRecord().timestamp());
            assertEquals("W", out.readValue());
            assertEquals(1120L, out.readRecord().timestamp());
            TestRecord<String, String> f = out.readRecord();
            assertEquals("t1", new String(f.headers().lastHeader("trace").value(), StandardCharsets.UTF_8));
            assertEquals(3L, f.timestamp());
            List<TestRecord<String, String>> rest = out.readRecordsToList();
            assertEquals(List.of(50L, 55L), List.of(rest.get(0).timestamp(), rest.get(1).timestamp()));
            assertTrue(out.isEmpty());
            assertThrows(NoSuchElementException.class, out::readRecord);
            assertThrows(IllegalArgumentException.class,
                    () -> driver.createInputTopic("unknown", new StringSerializer(), new StringSerializer()).pipeInput("k", "v"));
        }
    }

    @Test
    void readKeyValuesToMapKeepsTheLatestAndDropsDeletes() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").mapValues(v -> v.equals("delete") ? null : v).to("out");
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), config())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            in.pipeKeyValueList(List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"), KeyValue.pair("a", "3"), KeyValue.pair("b", "delete")));
            assertEquals(Map.of("a", "3"), driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()).readKeyValuesToMap());
        }
    }

    /** A DSL count lands in a RocksDB store under state.dir; both store views read it; a heap store works too. */
    @Test
    void storesAreStateStoreStoresUnderTheStateDirectory() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .count(Materialized.as("counts"))
                .toStream()
                .to("out", Produced.with(Serdes.String(), Serdes.Long()));
        b.stream("in2", Consumed.with(Serdes.String(), Serdes.String()))
                .toTable(Materialized.as(Stores.inMemoryKeyValueStore("latest")));
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), config())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            in.pipeInput("a", "x", 10L);
            in.pipeInput("a", "y", 30L);
            in.pipeInput("a", "z", 20L);
            in.pipeInput("b", "x", 5L);
            driver.createInputTopic("in2", new StringSerializer(), new StringSerializer()).pipeInput("k", "v", 1L);

            File rocksDir = stateDir.resolve("driver-test").resolve("0_0").resolve("rocksdb").resolve("counts").toFile();
            assertTrue(rocksDir.isDirectory(), "RocksDB store at <state.dir>/<application.id>/<task>/rocksdb/<store>");
            KeyValueStore<String, Long> counts = driver.getKeyValueStore("counts");
            assertEquals(3L, counts.get("a"));
            assertEquals(1L, counts.get("b"));
            KeyValueStore<String, ValueAndTimestamp<Long>> timestamped = driver.getTimestampedKeyValueStore("counts");
            assertEquals(ValueAndTimestamp.make(3L, 30L), timestamped.get("a"), "an aggregate keeps its largest timestamp");
            assertEquals("v", driver.<String, String>getKeyValueStore("latest").get("k"));
            assertNull(driver.getKeyValueStore("no-such-store"));
            assertEquals(2, driver.getAllStateStores().size());
            List<KeyValue<String, Long>> out = driver.createOutputTopic("out", new StringDeserializer(), new LongDeserializer())
                    .readKeyValuesToList();
            assertEquals(List.of(KeyValue.pair("a", 1L), KeyValue.pair("a", 2L), KeyValue.pair("a", 3L), KeyValue.pair("b", 1L)), out);
        }
        assertFalse(stateDir.resolve("driver-test").resolve("0_0").toFile().exists(), "the task's state goes with the driver");

        org.apache.kafka.streams.StreamsBuilder kb = new org.apache.kafka.streams.StreamsBuilder();
        kb.stream("in").groupByKey().count(org.apache.kafka.streams.kstream.Materialized.as("counts"));
        try (org.apache.kafka.streams.TopologyTestDriver driver = new org.apache.kafka.streams.TopologyTestDriver(kb.build(), config())) {
            driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("a", "x", 10L);
        }
        assertFalse(stateDir.resolve("driver-test").resolve("0_0").toFile().exists(), "as with Kafka's driver");
    }

    /** Stream time is the task's largest processed timestamp: it never goes back, and repartitioned records count. */
    @Test
    void streamTimeIsTheLargestTimestampTheTaskProcessed() {
        List<Long> times = new ArrayList<>();
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
                .process(() -> new ContextualProcessor<String, String, String, String>() {
                    @Override
                    public void process(Record<String, String> r) {
                        times.add(context().currentStreamTimeMs());
                    }
                });
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), config())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (long ts : new long[] {10, 5, 20, 15}) in.pipeInput("k", "v", ts);
        }
        assertEquals(List.of(10L, 10L, 20L, 20L), times);
    }

    /** A topic the topology both writes and reads is read again, as Kafka would deliver it. */
    @Test
    void recordsWrittenToATopicTheTopologyReadsAreProcessed() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("a").mapValues(v -> v + "1").to("b");
        b.<String, String>stream("b").mapValues(v -> v + "2").to("c");
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), config())) {
            driver.createInputTopic("a", new StringSerializer(), new StringSerializer()).pipeInput("k", "v", 1L);
            assertEquals(List.of("v12"), driver.createOutputTopic("c", new StringDeserializer(), new StringDeserializer()).readValuesToList());
            assertEquals(List.of("v1"), driver.createOutputTopic("b", new StringDeserializer(), new StringDeserializer()).readValuesToList());
            assertTrue(driver.producedTopicNames().containsAll(List.of("b", "c")));
        }
        org.apache.kafka.streams.StreamsBuilder kb = new org.apache.kafka.streams.StreamsBuilder();
        kb.<String, String>stream("a").mapValues(v -> v + "1").to("b");
        kb.<String, String>stream("b").mapValues(v -> v + "2").to("c");
        try (org.apache.kafka.streams.TopologyTestDriver driver = new org.apache.kafka.streams.TopologyTestDriver(kb.build(), config())) {
            driver.createInputTopic("a", new StringSerializer(), new StringSerializer()).pipeInput("k", "v", 1L);
            assertEquals(List.of("v12"), driver.createOutputTopic("c", new StringDeserializer(), new StringDeserializer()).readValuesToList(),
                    "Kafka's driver does the same");
        }
    }

    @Test
    void aNodeNeedingAMissingDefaultSerdeFailsLoudly() {
        Properties p = config();
        p.remove(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG);
        ConfigException e = assertThrows(ConfigException.class, () -> new TopologyTestDriver(upperCase(), p).close());
        assertTrue(e.getMessage().contains("DEFAULT_KEY_SERDE_CLASS_CONFIG"), e.getMessage());
    }

    /** Exactly-once needs broker transactions, which do not exist yet: start() refuses it, and the client is in ERROR. */
    @Test
    void exactlyOnceFailsAtStartWithAClearMessage() {
        Properties p = config();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"); // never reached: the check comes first
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        KafkaStreams streams = new KafkaStreams(upperCase(), p);
        assertEquals(KafkaStreams.State.CREATED, streams.state());
        StreamsException e = assertThrows(StreamsException.class, streams::start);
        assertTrue(e.getMessage().contains("exactly_once_v2 needs transactions"), e.getMessage());
        assertEquals(KafkaStreams.State.ERROR, streams.state());
        assertTrue(streams.close(Duration.ofSeconds(1)));
    }

    /** The temporary state directory a driver makes without state.dir is gone after close. */
    @Test
    void aTemporaryStateDirectoryIsDeletedOnClose() {
        Properties p = config();
        p.remove(StreamsConfig.STATE_DIR_CONFIG);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").groupByKey().count(Materialized.as("c"));
        File dir;
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), p)) {
            driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("k", "v");
            dir = driver.stateRoot().toFile();
            assertTrue(dir.isDirectory());
        }
        assertFalse(dir.exists());
    }
}
