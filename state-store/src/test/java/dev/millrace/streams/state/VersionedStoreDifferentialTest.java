package dev.millrace.streams.state;

import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.internals.SimpleStateStoreContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same random operations on Kafka Streams' own RocksDB versioned store (kafka-streams 4.4.0, test scope, held by a
 * {@link TopologyTestDriver}) and on ours: every put return value, delete result, get and get-as-of must agree,
 * including timestamps and validTo.
 */
class VersionedStoreDifferentialTest {
    private static final List<String> KEYS = List.of("a", "b", "c");

    @TempDir
    Path dir;

    @Test
    void sameAnswersAsKafkaStreams() {
        long[][] shapes = {{50, 7}, {40, 1000}, {0, 3}, {25, 1}, {200, 30}};
        int seed = 100;
        for (long[] shape : shapes) {
            for (int s = 0; s < 2; s++) compare(seed++, shape[0], shape[1], 3000);
        }
        System.out.printf("versioned differential: puts latest %d, with validTo %d, rejected %d; as-of reads found %d, null %d%n",
                putLatest, putValidTo, putRejected, readFound, readNull);
        // every kind of answer came up, so the agreement covers them all
        assertTrue(putLatest > 0 && putValidTo > 0 && putRejected > 0 && readFound > 0 && readNull > 0);
    }

    private int putLatest, putValidTo, putRejected, readFound, readNull;

    private void count(long putResult) {
        if (putResult == -1L) putLatest++;
        else if (putResult == Long.MIN_VALUE) putRejected++;
        else putValidTo++;
    }

    private void compare(long seed, long retention, long interval, int steps) {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "input");
        topology.addProcessor("p", () -> new Processor<Object, Object, Object, Object>() {
            @Override
            public void process(Record<Object, Object> record) {
            }
        }, "in");
        topology.addStateStore(org.apache.kafka.streams.state.Stores.versionedKeyValueStoreBuilder(
                org.apache.kafka.streams.state.Stores.persistentVersionedKeyValueStore("kv",
                        Duration.ofMillis(retention), Duration.ofMillis(interval)),
                Serdes.String(), Serdes.String()).withLoggingDisabled(), "p");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "diff" + seed);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("kafka" + seed).toString());

        VersionedKeyValueStore<String, String> ours = Stores.versionedKeyValueStoreBuilder(
                Stores.persistentVersionedKeyValueStore("kv", Duration.ofMillis(retention), Duration.ofMillis(interval)),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        ours.init(new SimpleStateStoreContext("diff", new TaskId(0, 0), dir.resolve("ours" + seed).toFile(), Map.of()), ours);
        VersionedReferenceModel model = new VersionedReferenceModel(retention);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            org.apache.kafka.streams.state.VersionedKeyValueStore<String, String> kafka = driver.getVersionedKeyValueStore("kv");
            Random rnd = new Random(seed);
            long clock = 0;
            for (int step = 0; step < steps; step++) {
                String ctx = "seed " + seed + " retention " + retention + " interval " + interval + " step " + step;
                String key = KEYS.get(rnd.nextInt(KEYS.size()));
                int kind = rnd.nextInt(10);
                long ts;
                if (kind < 5) ts = Math.max(0, clock + rnd.nextInt(6) - 2);
                else if (kind < 9) ts = Math.max(0, clock - rnd.nextInt((int) retention + 20));
                else ts = clock + rnd.nextInt(3 * (int) interval + 10);
                clock = Math.max(clock, ts);
                int op = rnd.nextInt(100);
                if (op < 45) {
                    String v = "v" + step;
                    long expected = kafka.put(key, v, ts);
                    assertEquals(expected, ours.put(key, v, ts), ctx + " put " + key + "@" + ts);
                    assertEquals(expected, model.put(key, v, ts), ctx + " model put");
                    count(expected);
                } else if (op < 55) {
                    long expected = kafka.put(key, null, ts);
                    assertEquals(expected, ours.put(key, null, ts), ctx + " put null " + key + "@" + ts);
                    assertEquals(expected, model.put(key, null, ts), ctx + " model put null");
                } else if (op < 65) {
                    String expected = describe(kafka.delete(key, ts));
                    assertEquals(expected, describe(ours.delete(key, ts)), ctx + " delete " + key + "@" + ts);
                    assertEquals(expected, describe(model.delete(key, ts)), ctx + " model delete");
                } else if (op < 75) {
                    String expected = describe(kafka.get(key));
                    assertEquals(expected, describe(ours.get(key)), ctx + " get " + key);
                    assertEquals(expected, describe(model.get(key)), ctx + " model get");
                } else {
                    long asOf = Math.max(0, clock - rnd.nextInt((int) retention + 30) + 3);
                    String expected = describe(kafka.get(key, asOf));
                    assertEquals(expected, describe(ours.get(key, asOf)), ctx + " get " + key + " as of " + asOf);
                    assertEquals(expected, describe(model.get(key, asOf)), ctx + " model get as of");
                    if (expected.equals("null")) readNull++;
                    else readFound++;
                }
            }
        } finally {
            ours.close();
        }
    }

    private static String describe(org.apache.kafka.streams.state.VersionedRecord<String> r) {
        return r == null ? "null" : r.value() + "@" + r.timestamp() + " to " + r.validTo();
    }

    /** The model knows validTo; the store's users do not see it (Kafka Streams drops it in its serde layer). */
    private static String describe(VersionedRecord<String> r) {
        if (r != null && r.validTo().isPresent()) r = new VersionedRecord<>(r.value(), r.timestamp());
        return r == null ? "null" : r.value() + "@" + r.timestamp() + " to " + r.validTo();
    }
}
