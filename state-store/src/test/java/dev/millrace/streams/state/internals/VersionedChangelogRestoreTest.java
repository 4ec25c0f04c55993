package dev.millrace.streams.state.internals;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.VersionedKeyValueStore;
import dev.millrace.streams.state.VersionedRecord;
import dev.millrace.streams.state.VersionedReferenceModelAccess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The versioned store's changelog (Kafka Streams' format) and its restore, against a real broker in this JVM. */
class VersionedChangelogRestoreTest {
    private static final long RETENTION = 100;
    private static final List<String> KEYS = List.of("a", "b", "c", "d", "e");
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

    private StandaloneStateStoreContext context(String app, ChangelogRestoreTest.Recorder listener) {
        return new StandaloneStateStoreContext(app, new TaskId(0, 0), stateRoot.toFile(),
                Map.of("bootstrap.servers", broker.bootstrapServers()), listener);
    }

    private static VersionedKeyValueStore<String, String> versioned() {
        return Stores.versionedKeyValueStoreBuilder(
                Stores.persistentVersionedKeyValueStore("ver", Duration.ofMillis(RETENTION), Duration.ofMillis(20)),
                Serdes.String(), Serdes.String()).build();
    }

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

    /** Applies {@code n} random operations to the store and the model; returns how many were sent to the changelog. */
    private static int randomOps(Random rnd, int n, long[] clock, VersionedKeyValueStore<String, String> store,
                                 VersionedReferenceModelAccess model) {
        for (int i = 0; i < n; i++) {
            String key = KEYS.get(rnd.nextInt(KEYS.size()));
            long ts = rnd.nextInt(4) == 0 ? Math.max(0, clock[0] - rnd.nextInt(130)) : clock[0] + rnd.nextInt(5);
            clock[0] = Math.max(clock[0], ts);
            if (rnd.nextInt(5) == 0) assertEquals(model.delete(key, ts), store.delete(key, ts));
            else assertEquals(model.put(key, "v" + i, ts), store.put(key, "v" + i, ts));
        }
        return n; // every call is logged, rejected ones too
    }

    private static void assertSameHistory(VersionedReferenceModelAccess model, VersionedKeyValueStore<String, String> store) {
        for (String k : KEYS) {
            assertEquals(model.get(k), store.get(k), "latest of " + k);
            for (long t = Math.max(0, model.streamTime() - RETENTION - 10); t <= model.streamTime() + 2; t++) {
                assertEquals(model.get(k, t), store.get(k, t), k + " as of " + t);
            }
        }
    }

    @Test
    void changelogHasKafkaStreamsFormatAndCompactionLag() throws Exception {
        String app = "vlog";
        try (StandaloneStateStoreContext ctx = context(app, null)) {
            VersionedKeyValueStore<String, String> store = versioned();
            store.init(ctx, store);
            assertEquals(-1L, store.put("k", "one", 1000));
            assertEquals(-1L, store.put("k", "two", 1060));
            assertEquals(1060L, store.put("k", "late", 1030));
            assertEquals(VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT, store.put("k", "too-late", 10));
            assertEquals(new VersionedRecord<>("two", 1060), store.delete("k", 1100));
            store.flush();
            store.close();
        }
        TopicPartition tp = new TopicPartition(app + "-ver-changelog", 0);
        List<ConsumerRecord<byte[], byte[]>> records = readChangelog(tp);
        List<String> seen = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            seen.add(new String(r.key(), StandardCharsets.UTF_8) + "="
                    + (r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8)) + "@" + r.timestamp());
        }
        // the version timestamp is the record timestamp; the rejected write is logged too, as Kafka Streams does
        assertEquals(List.of("k=one@1000", "k=two@1060", "k=late@1030", "k=too-late@10", "k=null@1100"), seen);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, tp.topic());
            Config config = admin.describeConfigs(List.of(r)).all().get().get(r);
            assertEquals("compact", config.get("cleanup.policy").value());
            assertEquals(String.valueOf(RETENTION + 24L * 3600 * 1000), config.get("min.compaction.lag.ms").value());
        }
        assertEquals(List.of("0", "1", tp.topic() + " 0 4"),
                Files.readAllLines(stateRoot.resolve(app).resolve("0_0").resolve(".checkpoint")));
    }

    @Test
    void restoreRate() throws Exception {
        String app = "vrate";
        int n = 60_000;
        int keys = 2_000;
        String value = "x".repeat(100);
        try (StandaloneStateStoreContext ctx = context(app, null)) {
            VersionedKeyValueStore<String, String> store = versioned();
            store.init(ctx, store);
            for (int i = 0; i < n; i++) store.put("key" + (i % keys), value + i, i / 100); // 30 versions a key, 20 ms apart
            store.flush();
            store.close();
        }
        Files.delete(stateRoot.resolve(app).resolve("0_0").resolve(".checkpoint"));
        ChangelogRestoreTest.Recorder listener = new ChangelogRestoreTest.Recorder();
        long t0 = System.nanoTime();
        try (StandaloneStateStoreContext ctx = context(app, listener)) {
            VersionedKeyValueStore<String, String> store = versioned();
            store.init(ctx, store);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(n, listener.total);
            for (int k = 0; k < keys; k++) {
                int last = n - keys + k;
                assertEquals(new VersionedRecord<>(value + last, last / 100), store.get("key" + k));
            }
            // an old version inside the 100 ms retention (stream time 599)
            int old = n - 3 * keys;
            assertEquals(new VersionedRecord<>(value + old, old / 100), store.get("key" + (old % keys), old / 100));
            assertNull(store.get("key0", 450), "older than the retention");
            System.out.printf("versioned restore: %d records (%d keys, ~%d bytes each) in %.2f s = %.0f records/s%n",
                    n, keys, value.length() + 12, seconds, n / seconds);
            store.close();
        }
    }

    @Test
    void crashedStoreIsWipedAndRestoredInFullThenTailOnly() throws Exception {
        String app = "vrestore";
        Random rnd = new Random(7);
        long[] clock = {0};
        VersionedReferenceModelAccess model = new VersionedReferenceModelAccess(RETENTION);
        int logged;
        try (StandaloneStateStoreContext ctx = context(app, null)) {
            VersionedKeyValueStore<String, String> store = versioned();
            store.init(ctx, store);
            logged = randomOps(rnd, 3000, clock, store, model);
            store.flush();
            store.close();
        }
        // the crash: no checkpoint, so the files cannot be trusted
        Files.delete(stateRoot.resolve(app).resolve("0_0").resolve(".checkpoint"));
        ChangelogRestoreTest.Recorder full = new ChangelogRestoreTest.Recorder();
        try (StandaloneStateStoreContext ctx = context(app, full)) {
            VersionedKeyValueStore<String, String> store = versioned();
            store.init(ctx, store);
            assertEquals(0, full.start);
            assertEquals(logged, full.total, "restored in full");
            assertSameHistory(model, store);
            logged = randomOps(rnd, 200, clock, store, model);
            store.flush(); // checkpoint
            randomOps(rnd, 150, clock, store, model);
            ctx.recordCollector().flush(); // acknowledged but not checkpointed
            store.close();
        }
        ChangelogRestoreTest.Recorder tail = new ChangelogRestoreTest.Recorder();
        try (StandaloneStateStoreContext ctx = context(app, tail)) {
            VersionedKeyValueStore<String, String> store = versioned();
            store.init(ctx, store);
            assertEquals(150, tail.total, "only the records after the checkpoint");
            assertSameHistory(model, store);
            store.close();
        }
        assertTrue(logged > 0);
    }
}
