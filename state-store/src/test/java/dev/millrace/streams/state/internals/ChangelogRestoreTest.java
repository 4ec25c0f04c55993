package dev.millrace.streams.state.internals;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;
import dev.millrace.streams.KeyValue;
import dev.millrace.streams.processor.StateRestoreListener;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Changelogging and restore against a real broker in this JVM. */
class ChangelogRestoreTest {
    private static final AtomicInteger APPS = new AtomicInteger();
    @TempDir
    static Path brokerDir;
    private static MillraceServer broker;

    @TempDir
    Path stateRoot;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = MillraceServer.start(BrokerConfig.parse(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", brokerDir.resolve("logs").toString(),
                "num.io.threads", "2",
                "num.network.threads", "2")));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    /** Each test its own application, so its changelog topics are its own. */
    private static String newApp() {
        return "app" + APPS.incrementAndGet();
    }

    private StandaloneStateStoreContext context(String app, TaskId task, StateRestoreListener listener) {
        return new StandaloneStateStoreContext(app, task, stateRoot.toFile(),
                Map.of("bootstrap.servers", broker.bootstrapServers()), listener);
    }

    /** Every record of the partition, in offset order. */
    private static List<ConsumerRecord<byte[], byte[]>> readChangelog(TopicPartition tp) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.currentTimeMillis() + 30_000;
            while (consumer.position(tp) < end && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(100)).records(tp).forEach(out::add);
            }
        }
        return out;
    }

    /** The latest value per key of a changelog; a tombstone maps to null. */
    private static Map<String, String> latest(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, String> m = new TreeMap<>();
        StringDeserializer d = new StringDeserializer();
        for (ConsumerRecord<byte[], byte[]> r : records) m.put(d.deserialize(null, r.key()), r.value() == null ? null : d.deserialize(null, r.value()));
        return m;
    }

    private static Map<String, String> contents(KeyValueStore<String, String> store) {
        Map<String, String> m = new TreeMap<>();
        try (KeyValueIterator<String, String> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                m.put(kv.key, kv.value);
            }
        }
        return m;
    }

    private static KeyValueStore<String, String> rocks(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String()).build();
    }

    /** Records every listener call. */
    static final class Recorder implements StateRestoreListener {
        final List<String> events = new ArrayList<>();
        long start = -1, end = -1, total = -1, batchSum, lastBatchEnd = -1;
        int batches;

        @Override
        public void onRestoreStart(TopicPartition tp, String storeName, long startingOffset, long endingOffset) {
            events.add("start");
            start = startingOffset;
            end = endingOffset;
        }

        @Override
        public void onBatchRestored(TopicPartition tp, String storeName, long batchEndOffset, long numRestored) {
            events.add("batch");
            assertTrue(batchEndOffset > lastBatchEnd, "batch end offsets increase");
            lastBatchEnd = batchEndOffset;
            batchSum += numRestored;
            batches++;
        }

        @Override
        public void onRestoreEnd(TopicPartition tp, String storeName, long totalRestored) {
            events.add("end");
            total = totalRestored;
        }
    }

    @Test
    void writesReachTheCompactedChangelogOfTheTaskPartition() throws Exception {
        String app = newApp();
        TaskId task = new TaskId(0, 2);
        try (StandaloneStateStoreContext ctx = context(app, task, null)) {
            KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("s"), Serdes.String(), Serdes.String())
                    .withLoggingEnabled(Map.of("min.cleanable.dirty.ratio", "0.3")).build();
            store.init(ctx, store);
            store.put("a", "1");
            store.put("b", "2");
            store.put("a", "3");
            assertNull(store.putIfAbsent("e", "5"));
            assertEquals("5", store.putIfAbsent("e", "6")); // present: not written, not logged
            store.delete("b");
            store.putAll(List.of(KeyValue.pair("c", "4"), KeyValue.pair("d", null)));
            store.put("c", null);
            store.flush();
            store.close();
        }
        String topic = app + "-s-changelog";
        List<ConsumerRecord<byte[], byte[]>> records = readChangelog(new TopicPartition(topic, 2));
        assertEquals(8, records.size());
        Map<String, String> expected = new TreeMap<>();
        expected.put("a", "3");
        expected.put("b", null);
        expected.put("c", null);
        expected.put("d", null);
        expected.put("e", "5");
        assertEquals(expected, latest(records));
        assertEquals("b", new String(records.get(4).key()));
        assertNull(records.get(4).value(), "delete is a tombstone");
        Path checkpoint = stateRoot.resolve(app).resolve("0_2").resolve(".checkpoint");
        assertEquals(List.of("0", "1", topic + " 2 7"), Files.readAllLines(checkpoint));

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(r)).all().get().get(r);
            assertEquals("compact", config.get("cleanup.policy").value());
            assertEquals("0.3", config.get("min.cleanable.dirty.ratio").value());
            assertEquals(3, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size());
        }
    }

    @Test
    void lruEvictionsAreTombstonesAndTheRestoredLruHoldsWhatTheOldOneHeld() {
        String app = newApp();
        TaskId task = new TaskId(0, 0);
        try (StandaloneStateStoreContext ctx = context(app, task, null)) {
            KeyValueStore<String, String> lru = Stores.keyValueStoreBuilder(Stores.lruMap("lru", 2), Serdes.String(), Serdes.String()).build();
            lru.init(ctx, lru);
            lru.put("k1", "v1");
            lru.put("k2", "v2");
            lru.put("k3", "v3"); // evicts k1
            lru.flush();
            lru.close();
        }
        List<ConsumerRecord<byte[], byte[]>> records = readChangelog(new TopicPartition(app + "-lru-changelog", 0));
        assertEquals(4, records.size());
        // the eviction happens inside the put of k3, so its tombstone comes first
        assertEquals("k1", new String(records.get(2).key()));
        assertNull(records.get(2).value());
        assertEquals("k3", new String(records.get(3).key()));
        try (StandaloneStateStoreContext ctx = context(app, task, null)) {
            KeyValueStore<String, String> lru = Stores.keyValueStoreBuilder(Stores.lruMap("lru", 2), Serdes.String(), Serdes.String()).build();
            lru.init(ctx, lru);
            assertEquals(Map.of("k2", "v2", "k3", "v3"), contents(lru));
            lru.close();
        }
        // the restore itself wrote nothing to the changelog
        assertEquals(4, readChangelog(new TopicPartition(app + "-lru-changelog", 0)).size());
    }

    @Test
    void aCrashedStoreWithoutCheckpointIsWipedAndRestoredToExactlyTheAcknowledgedContent() throws Exception {
        String app = newApp();
        TaskId task = new TaskId(1, 0);
        Map<String, String> model = new TreeMap<>();
        Random random = new Random(6);
        try (StandaloneStateStoreContext ctx = context(app, task, null)) {
            KeyValueStore<String, String> store = rocks("crash");
            store.init(ctx, store);
            for (int i = 0; i < 3000; i++) {
                String k = "k" + random.nextInt(500);
                if (random.nextInt(5) == 0) {
                    store.delete(k);
                    model.remove(k);
                } else {
                    String v = "v" + i;
                    store.put(k, v);
                    model.put(k, v);
                }
                if (i == 1000) store.flush(); // a checkpoint exists mid-way
            }
            ctx.recordCollector().flush(); // every write acknowledged; the store itself is not flushed
            store.close();
        }
        File taskDir = stateRoot.resolve(app).resolve("1_0").toFile();
        // the crash: no checkpoint, and the store's files hold a write the changelog never saw
        Files.delete(new File(taskDir, ".checkpoint").toPath());
        RocksDBStore raw = new RocksDBStore("crash");
        raw.init(new SimpleStateStoreContext(app, task, stateRoot.toFile(), Map.of()), raw);
        raw.put(Bytes.wrap("ghost".getBytes()), "boo".getBytes());
        raw.flush();
        raw.close();

        Recorder rec = new Recorder();
        try (StandaloneStateStoreContext ctx = context(app, task, rec)) {
            KeyValueStore<String, String> store = rocks("crash");
            store.init(ctx, store);
            assertEquals(model, contents(store));
            assertNull(store.get("ghost"));
            assertEquals(0, rec.start, "restored in full");
            assertEquals(3000, rec.total);
            // restored records may still be in memtables: no checkpoint may name them before a commit flushed them
            assertFalse(new File(taskDir, ".checkpoint").exists(), "no checkpoint before the first commit");
            store.flush(); // the first commit after the restore
            assertTrue(new File(taskDir, ".checkpoint").exists(), "checkpointed by the first commit");
            store.close();
        }
    }

    @Test
    void restoreFromACheckpointReplaysOnlyTheTail() {
        String app = newApp();
        TaskId task = new TaskId(0, 1);
        Map<String, String> model = new TreeMap<>();
        try (StandaloneStateStoreContext ctx = context(app, task, null)) {
            KeyValueStore<String, String> store = rocks("tail");
            store.init(ctx, store);
            for (int i = 0; i < 2000; i++) {
                store.put("k" + i, "v" + i);
                model.put("k" + i, "v" + i);
            }
            store.flush(); // checkpoint at offset 1999
            for (int i = 0; i < 300; i++) {
                store.put("k" + (i * 7), "w" + i);
                model.put("k" + (i * 7), "w" + i);
            }
            store.delete("k1");
            model.remove("k1");
            ctx.recordCollector().flush();
            store.close(); // stopped after the writes were acknowledged but before the next commit
        }
        Recorder rec = new Recorder();
        try (StandaloneStateStoreContext ctx = context(app, task, rec)) {
            KeyValueStore<String, String> store = rocks("tail");
            store.init(ctx, store);
            assertEquals(List.of("start"), rec.events.subList(0, 1));
            assertEquals("end", rec.events.get(rec.events.size() - 1));
            assertEquals(2000, rec.start);
            assertEquals(2301, rec.end);
            assertEquals(301, rec.total);
            assertEquals(301, rec.batchSum);
            assertEquals(2300, rec.lastBatchEnd);
            assertEquals(model, contents(store));
            store.flush();
            store.close();
        }
        // a clean restart with nothing new restores nothing
        Recorder again = new Recorder();
        try (StandaloneStateStoreContext ctx = context(app, task, again)) {
            KeyValueStore<String, String> store = rocks("tail");
            store.init(ctx, store);
            assertEquals(List.of("start", "end"), again.events);
            assertEquals(2301, again.start);
            assertEquals(0, again.total);
            assertEquals(model, contents(store));
            store.close();
        }
    }

    @Test
    void anInMemoryStoreRestoresInFullWithBatchedProgress() {
        String app = newApp();
        TaskId task = new TaskId(0, 0);
        Map<String, String> model = new TreeMap<>();
        try (StandaloneStateStoreContext ctx = context(app, task, null)) {
            KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("mem"), Serdes.String(), Serdes.String())
                    .withCachingEnabled().build();
            store.init(ctx, store);
            for (int i = 0; i < 5000; i++) {
                store.put("k" + (i % 3000), "v" + i);
                model.put("k" + (i % 3000), "v" + i);
            }
            store.flush(); // the cache coalesced: 3000 records reach the changelog
            store.close();
        }
        assertFalse(stateRoot.resolve(app).resolve("0_0").resolve(".checkpoint").toFile().exists(), "heap stores are not checkpointed");
        Recorder rec = new Recorder();
        try (StandaloneStateStoreContext ctx = context(app, task, rec)) {
            KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("mem"), Serdes.String(), Serdes.String()).build();
            store.init(ctx, store);
            assertEquals(model, contents(store));
            assertEquals(0, rec.start);
            assertEquals(3000, rec.end);
            assertEquals(3000, rec.total);
            assertEquals(2999, rec.lastBatchEnd);
            assertTrue(rec.batches >= 3, "max.poll.records 1000 gives several batches: " + rec.batches);
            assertEquals("start", rec.events.get(0));
            assertEquals("end", rec.events.get(rec.events.size() - 1));
            store.close();
        }
    }

    @Test
    void timestampedStoresLogPlainValuesWithTheRecordTimestampAndRestoreBoth() {
        String app = newApp();
        TaskId task = new TaskId(0, 0);
        try (StandaloneStateStoreContext ctx = context(app, task, null)) {
            TimestampedKeyValueStore<String, String> store = Stores.timestampedKeyValueStoreBuilder(
                    Stores.persistentTimestampedKeyValueStore("ts"), Serdes.String(), Serdes.String()).build();
            store.init(ctx, store);
            store.put("a", ValueAndTimestamp.make("x", 1234L));
            store.flush();
            store.close();
        }
        List<ConsumerRecord<byte[], byte[]>> records = readChangelog(new TopicPartition(app + "-ts-changelog", 0));
        assertArrayEquals("x".getBytes(), records.get(0).value());
        assertEquals(1234L, records.get(0).timestamp());
        new File(stateRoot.resolve(app).resolve("0_0").toFile(), ".checkpoint").delete();
        try (StandaloneStateStoreContext ctx = context(app, task, null)) {
            TimestampedKeyValueStore<String, String> store = Stores.timestampedKeyValueStoreBuilder(
                    Stores.persistentTimestampedKeyValueStore("ts"), Serdes.String(), Serdes.String()).build();
            store.init(ctx, store);
            assertEquals(ValueAndTimestamp.make("x", 1234L), store.get("a"));
            store.close();
        }
    }

    @Test
    void aCheckpointBeyondTheChangelogEndFailsInsteadOfSkippingData() throws Exception {
        String app = newApp();
        TaskId task = new TaskId(0, 0);
        try (StandaloneStateStoreContext ctx = context(app, task, null)) {
            KeyValueStore<String, String> store = rocks("gone");
            store.init(ctx, store);
            store.put("a", "1");
            store.flush();
            store.close();
        }
        Path checkpoint = stateRoot.resolve(app).resolve("0_0").resolve(".checkpoint");
        Files.writeString(checkpoint, "0\n1\n" + app + "-gone-changelog 0 50\n");
        try (StandaloneStateStoreContext ctx = context(app, task, null)) {
            KeyValueStore<String, String> store = rocks("gone");
            org.junit.jupiter.api.Assertions.assertThrows(dev.millrace.streams.errors.ProcessorStateException.class,
                    () -> store.init(ctx, store));
            assertFalse(store.isOpen(), "a store that failed to restore is closed");
        }
    }

    @Test
    void restoreRate() {
        int n = Integer.getInteger("millrace.restore.records", 200_000);
        String value = "v".repeat(100);
        for (boolean persistent : new boolean[] {true, false}) {
            String app = newApp();
            TaskId task = new TaskId(0, 0);
            try (StandaloneStateStoreContext ctx = context(app, task, null)) {
                KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(
                        persistent ? Stores.persistentKeyValueStore("rate") : Stores.inMemoryKeyValueStore("rate"),
                        Serdes.String(), Serdes.String()).build();
                store.init(ctx, store);
                for (int i = 0; i < n; i++) store.put(String.format("key-%09d", i), value);
                store.flush();
                store.close();
            }
            new File(stateRoot.resolve(app).resolve("0_0").toFile(), ".checkpoint").delete(); // full restore
            Recorder rec = new Recorder();
            try (StandaloneStateStoreContext ctx = context(app, task, rec)) {
                KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(
                        persistent ? Stores.persistentKeyValueStore("rate") : Stores.inMemoryKeyValueStore("rate"),
                        Serdes.String(), Serdes.String()).build();
                long t0 = System.nanoTime();
                store.init(ctx, store); // the restore; flush and checkpoint wait for the next commit (decision 007)
                double secs = (System.nanoTime() - t0) / 1e9;
                assertEquals(n, rec.total);
                assertEquals(value, store.get(String.format("key-%09d", n - 1)));
                System.out.printf("restore rate: %s store, %d records of ~115 bytes in %.2f s (%d batches): %.0f records/s%n",
                        persistent ? "RocksDB" : "in-memory", n, secs, rec.batches, n / secs);
                store.close();
            }
        }
    }
}
