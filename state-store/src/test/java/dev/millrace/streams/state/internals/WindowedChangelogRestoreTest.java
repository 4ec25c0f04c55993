package dev.millrace.streams.state.internals;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.internals.SessionWindow;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.SessionStore;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.TimestampedWindowStore;
import dev.millrace.streams.state.ValueAndTimestamp;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Window and session changelogs against a real broker in this JVM: random operations on every logged kind compared
 * with the model; the changelog's key layout and topic configs; and a wiped store restored from the changelog
 * holding exactly what the original held.
 */
class WindowedChangelogRestoreTest {
    private static final AtomicInteger APPS = new AtomicInteger();
    private static final long DAY = 86_400_000L;
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

    private static String newApp() {
        return "wapp" + APPS.incrementAndGet();
    }

    private StandaloneStateStoreContext context(String app, TaskId task, ChangelogRestoreTest.Recorder listener) {
        return context(app, task, listener, Map.of());
    }

    private StandaloneStateStoreContext context(String app, TaskId task, ChangelogRestoreTest.Recorder listener, Map<String, Object> extra) {
        Map<String, Object> configs = new HashMap<>(extra);
        configs.put("bootstrap.servers", broker.bootstrapServers());
        return new StandaloneStateStoreContext(app, task, stateRoot.toFile(), configs, listener);
    }

    private void wipeTask(String app, TaskId task) throws IOException {
        Path dir = stateRoot.resolve(app).resolve(task.toString());
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
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

    private static Config topicConfig(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(r)).all().get().get(r);
        }
    }

    @ParameterizedTest
    @EnumSource(WindowedStoreKind.Window.class)
    void loggedWindowStoresMatchTheModelAndRestoreToTheSameContents(WindowedStoreKind.Window kind) throws Exception {
        String app = newApp();
        TaskId task = new TaskId(0, 1);
        WindowStoreModel model = new WindowStoreModel(kind.spec);
        String before;
        try (StandaloneStateStoreContext ctx = context(app, task, null, kind.configs())) {
            WindowStore<Bytes, byte[]> store = kind.make("w", true);
            store.init(ctx, store);
            model.run(store, 7, 400, kind.name());
            // a last put at stream time, so the changelog's newest timestamp is the store's stream time (a null put
            // to a store with duplicates moves an in-memory store's stream time but is never logged)
            long streamTime = model.counters().get("streamTime");
            store.put(Bytes.wrap(new byte[]{9}), new byte[]{9}, streamTime);
            model.put(new byte[]{9}, new byte[]{9}, streamTime);
            store.flush();
            before = WindowStoreModel.drain(store.all());
            assertEquals(model.all(), before);
            store.close();
        }
        String topic = app + "-w-changelog";
        Config config = topicConfig(topic);
        assertEquals(kind.spec.dups() ? "delete" : "compact,delete", config.get("cleanup.policy").value());
        assertEquals(String.valueOf(kind.spec.retention() + DAY), config.get("retention.ms").value());

        wipeTask(app, task); // state directory, segments and checkpoint gone: restore in full
        ChangelogRestoreTest.Recorder rec = new ChangelogRestoreTest.Recorder();
        try (StandaloneStateStoreContext ctx = context(app, task, rec)) {
            WindowStore<Bytes, byte[]> store = kind.make("w", true);
            store.init(ctx, store);
            try {
                assertTrue(rec.total > 0, "restored from the changelog");
                assertEquals(before, WindowStoreModel.drain(store.all()), kind + " restored");
            } finally {
                store.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(WindowedStoreKind.Session.class)
    void loggedSessionStoresMatchTheModelAndRestoreToTheSameContents(WindowedStoreKind.Session kind) throws Exception {
        String app = newApp();
        TaskId task = new TaskId(0, 0);
        SessionStoreModel model = new SessionStoreModel(kind.spec);
        String before;
        try (StandaloneStateStoreContext ctx = context(app, task, null, kind.configs())) {
            SessionStore<Bytes, byte[]> store = kind.make("s", true);
            store.init(ctx, store);
            model.run(store, 11, 400, kind.name());
            store.flush();
            before = SessionStoreModel.drain(store.fetch(null, null));
            assertEquals(model.all(), before);
            store.close();
        }
        Config config = topicConfig(app + "-s-changelog");
        assertEquals("compact,delete", config.get("cleanup.policy").value());
        assertEquals(String.valueOf(kind.spec.retention() + DAY), config.get("retention.ms").value());

        wipeTask(app, task);
        try (StandaloneStateStoreContext ctx = context(app, task, null)) {
            SessionStore<Bytes, byte[]> store = kind.make("s", true);
            store.init(ctx, store);
            try {
                assertEquals(before, SessionStoreModel.drain(store.fetch(null, null)), kind + " restored");
            } finally {
                store.close();
            }
        }
    }

    @Test
    void changelogKeysUseKafkaStreamsBinaryLayouts() {
        String app = newApp();
        TaskId task = new TaskId(0, 0);
        try (StandaloneStateStoreContext ctx = context(app, task, null)) {
            WindowStore<String, String> w = Stores.windowStoreBuilder(
                    Stores.persistentWindowStore("w", Duration.ofMinutes(3), Duration.ofSeconds(10), false), Serdes.String(), Serdes.String()).build();
            WindowStore<String, String> d = Stores.windowStoreBuilder(
                    Stores.inMemoryWindowStore("d", Duration.ofMinutes(3), Duration.ofSeconds(10), true), Serdes.String(), Serdes.String()).build();
            SessionStore<String, String> s = Stores.sessionStoreBuilder(
                    Stores.persistentSessionStore("s", Duration.ofMinutes(3)), Serdes.String(), Serdes.String()).build();
            TimestampedWindowStore<String, String> t = Stores.timestampedWindowStoreBuilder(
                    Stores.persistentTimestampedWindowStore("t", Duration.ofMinutes(3), Duration.ofSeconds(10), false), Serdes.String(), Serdes.String()).build();
            for (var store : List.of(w, d, s, t)) store.init(ctx, store);
            w.put("a", "x", 1000);
            w.put("a", null, 1000);
            d.put("a", "x", 1000);
            d.put("a", "y", 1000);
            s.put(new Windowed<>("a", new SessionWindow(100, 900)), "agg");
            s.remove(new Windowed<>("a", new SessionWindow(100, 900)));
            t.put("a", ValueAndTimestamp.make("v", 4242), 2000);
            for (var store : List.of(w, d, s, t)) {
                store.flush();
                store.close();
            }
        }
        List<ConsumerRecord<byte[], byte[]>> wl = readChangelog(new TopicPartition(app + "-w-changelog", 0));
        assertEquals(2, wl.size());
        assertArrayEquals(ByteBuffer.allocate(13).put((byte) 'a').putLong(1000).putInt(0).array(), wl.get(0).key());
        assertArrayEquals("x".getBytes(), wl.get(0).value());
        assertArrayEquals(wl.get(0).key(), wl.get(1).key());
        assertNull(wl.get(1).value(), "a null put is a tombstone");

        List<ConsumerRecord<byte[], byte[]>> dl = readChangelog(new TopicPartition(app + "-d-changelog", 0));
        assertEquals(2, dl.size());
        assertArrayEquals(ByteBuffer.allocate(13).put((byte) 'a').putLong(1000).putInt(1).array(), dl.get(0).key());
        assertArrayEquals(ByteBuffer.allocate(13).put((byte) 'a').putLong(1000).putInt(2).array(), dl.get(1).key(), "each duplicate its own seqnum");

        List<ConsumerRecord<byte[], byte[]>> sl = readChangelog(new TopicPartition(app + "-s-changelog", 0));
        assertEquals(2, sl.size());
        assertArrayEquals(ByteBuffer.allocate(17).put((byte) 'a').putLong(900).putLong(100).array(), sl.get(0).key(), "[key][end][start]");
        assertNull(sl.get(1).value(), "a remove is a tombstone");

        List<ConsumerRecord<byte[], byte[]>> tl = readChangelog(new TopicPartition(app + "-t-changelog", 0));
        assertEquals(1, tl.size());
        assertArrayEquals("v".getBytes(), tl.get(0).value(), "the plain value is logged");
        assertEquals(4242, tl.get(0).timestamp(), "with the value's timestamp as the record's");
    }

    @Test
    void aCheckpointedStoreRestoresOnlyTheTailAndKeepsItsSegments() throws Exception {
        String app = newApp();
        TaskId task = new TaskId(0, 3);
        try (StandaloneStateStoreContext ctx = context(app, task, null)) {
            TimestampedWindowStore<String, String> t = Stores.timestampedWindowStoreBuilder(
                    Stores.persistentTimestampedWindowStore("t", Duration.ofMinutes(3), Duration.ofSeconds(10), false), Serdes.String(), Serdes.String()).build();
            t.init(ctx, t);
            for (int i = 0; i < 50; i++) t.put("k" + (i % 7), ValueAndTimestamp.make("v" + i, 1000L + i), 1000L * i);
            t.flush();
            t.close();
        }
        Path checkpoint = stateRoot.resolve(app).resolve(task.toString()).resolve(".checkpoint");
        assertEquals(List.of("0", "1", app + "-t-changelog 3 49"), Files.readAllLines(checkpoint));
        ChangelogRestoreTest.Recorder rec = new ChangelogRestoreTest.Recorder();
        try (StandaloneStateStoreContext ctx = context(app, task, rec)) {
            TimestampedWindowStore<String, String> t = Stores.timestampedWindowStoreBuilder(
                    Stores.persistentTimestampedWindowStore("t", Duration.ofMinutes(3), Duration.ofSeconds(10), false), Serdes.String(), Serdes.String()).build();
            t.init(ctx, t);
            try {
                assertEquals(0, rec.total, "nothing after the checkpoint to replay");
                assertEquals(ValueAndTimestamp.make("v49", 1049L), t.fetch("k0", 49_000L));
                assertEquals(ValueAndTimestamp.make("v48", 1048L), t.fetch("k6", 48_000L));
            } finally {
                t.close();
            }
        }
        // wiped: a full restore puts each value's timestamp back from its changelog record
        wipeTask(app, task);
        try (StandaloneStateStoreContext ctx = context(app, task, rec)) {
            TimestampedWindowStore<String, String> t = Stores.timestampedWindowStoreBuilder(
                    Stores.persistentTimestampedWindowStore("t", Duration.ofMinutes(3), Duration.ofSeconds(10), false), Serdes.String(), Serdes.String()).build();
            t.init(ctx, t);
            try {
                assertEquals(50, rec.total);
                assertEquals(ValueAndTimestamp.make("v49", 1049L), t.fetch("k0", 49_000L));
                assertEquals(ValueAndTimestamp.make("v3", 1003L), t.fetch("k3", 3_000L));
            } finally {
                t.close();
            }
        }
    }

    /** Full restore rate of a window store from the changelog, RocksDB segments and in memory; prints its figures. */
    @Test
    void windowRestoreRate() throws Exception {
        int n = 60_000;
        for (boolean rocks : new boolean[]{true, false}) {
            String app = newApp();
            TaskId task = new TaskId(0, 0);
            Duration retention = Duration.ofHours(1);
            byte[] value = new byte[100];
            try (StandaloneStateStoreContext ctx = context(app, task, null)) {
                WindowStore<Bytes, byte[]> store = Stores.windowStoreBuilder(rocks
                                ? Stores.persistentWindowStore("rate", retention, Duration.ofMinutes(1), false)
                                : Stores.inMemoryWindowStore("rate", retention, Duration.ofMinutes(1), false),
                        Serdes.Bytes(), Serdes.ByteArray()).build();
                store.init(ctx, store);
                for (int i = 0; i < n; i++) {
                    // 5000 keys, windows every 50 ms over 50 minutes: about 2 segments' worth of 30 minutes each
                    store.put(Bytes.wrap(ByteBuffer.allocate(4).putInt(i % 5000).array()), value, i * 50L);
                }
                store.flush();
                store.close();
            }
            wipeTask(app, task);
            ChangelogRestoreTest.Recorder rec = new ChangelogRestoreTest.Recorder();
            try (StandaloneStateStoreContext ctx = context(app, task, rec)) {
                WindowStore<Bytes, byte[]> store = Stores.windowStoreBuilder(rocks
                                ? Stores.persistentWindowStore("rate", retention, Duration.ofMinutes(1), false)
                                : Stores.inMemoryWindowStore("rate", retention, Duration.ofMinutes(1), false),
                        Serdes.Bytes(), Serdes.ByteArray()).build();
                long start = System.nanoTime();
                store.init(ctx, store);
                long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
                try {
                    assertEquals(n, rec.total);
                    int count = 0;
                    try (var it = store.all()) {
                        while (it.hasNext()) {
                            it.next();
                            count++;
                        }
                    }
                    assertEquals(n, count);
                    System.out.printf("WindowedChangelogRestoreTest.windowRestoreRate: %s window store restored %d records of %d-byte"
                            + " values in %d ms: %d records/s%n", rocks ? "RocksDB" : "in-memory", n, value.length, millis, n * 1000L / millis);
                } finally {
                    store.close();
                }
            }
        }
    }
}
