package dev.millrace.streams.state;

import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.internals.MeteredVersionedKeyValueStore;
import dev.millrace.streams.state.internals.RocksDBVersionedStore;
import dev.millrace.streams.state.internals.SimpleStateStoreContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random operation sequences on the RocksDB versioned store against {@link VersionedReferenceModel}. */
class VersionedKeyValueStoreModelTest {
    private static final List<String> KEYS = List.of("a", "b", "c", "d");

    @TempDir
    Path stateRoot;

    private VersionedKeyValueStore<String, String> open(long retention, long segmentInterval) {
        return open(stateRoot, retention, segmentInterval);
    }

    private static VersionedKeyValueStore<String, String> open(Path stateRoot, long retention, long segmentInterval) {
        VersionedKeyValueStore<String, String> store = Stores.versionedKeyValueStoreBuilder(
                Stores.persistentVersionedKeyValueStore("v", Duration.ofMillis(retention), Duration.ofMillis(segmentInterval)),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        store.init(new SimpleStateStoreContext("app", new TaskId(0, 0), stateRoot.toFile(), Map.of()), store);
        return store;
    }

    private static RocksDBVersionedStore engine(VersionedKeyValueStore<String, String> store) {
        return (RocksDBVersionedStore) ((MeteredVersionedKeyValueStore<String, String>) store).wrapped();
    }

    @Test
    void randomOperationsMatchTheModel() {
        // retention, segment interval: several segments per retention, one segment bigger than it, retention 0
        long[][] shapes = {{50, 7}, {50, 200}, {0, 5}, {30, 1}};
        int seed = 0;
        for (long[] shape : shapes) {
            for (int s = 0; s < 2; s++) run(seed++, shape[0], shape[1], 2500);
        }
    }

    private void run(long seed, long retention, long interval, int steps) {
        Random rnd = new Random(seed);
        VersionedReferenceModel model = new VersionedReferenceModel(retention);
        Path dir = stateRoot.resolve("run" + seed);
        VersionedKeyValueStore<String, String> store = open(dir, retention, interval);
        long clock = 0;
        try {
            for (int step = 0; step < steps; step++) {
                String ctx = "seed " + seed + " retention " + retention + " interval " + interval + " step " + step;
                String key = KEYS.get(rnd.nextInt(KEYS.size()));
                // mostly near stream time, sometimes late (inside or outside the grace period), sometimes a jump
                int kind = rnd.nextInt(10);
                long ts;
                if (kind < 5) ts = Math.max(0, clock + rnd.nextInt(6) - 2);
                else if (kind < 9) ts = Math.max(0, clock - rnd.nextInt((int) retention + 20));
                else ts = clock + rnd.nextInt(60);
                clock = Math.max(clock, ts);
                int op = rnd.nextInt(100);
                if (op < 45) {
                    String value = "v" + step;
                    assertEquals(model.put(key, value, ts), store.put(key, value, ts), ctx + " put " + key + "@" + ts);
                } else if (op < 55) {
                    assertEquals(model.put(key, null, ts), store.put(key, null, ts), ctx + " put null " + key + "@" + ts);
                } else if (op < 65) {
                    assertEquals(plain(model.delete(key, ts)), store.delete(key, ts), ctx + " delete " + key + "@" + ts);
                } else if (op < 75) {
                    assertEquals(model.get(key), store.get(key), ctx + " get " + key);
                } else if (op < 97) {
                    assertEquals(plain(model.get(key, ts)), store.get(key, ts), ctx + " get " + key + " as of " + ts);
                } else if (op < 99) {
                    store.flush();
                } else {
                    store.flush();
                    store.close();
                    store = open(dir, retention, interval); // stream time and segments come back from disk
                }
                if (step % 100 == 99) checkEverything(model, store, ctx);
                RocksDBVersionedStore engine = engine(store);
                assertEquals(model.streamTime(), engine.observedStreamTime(), ctx);
                if (!engine.segmentIds().isEmpty()) {
                    // expired segments are gone: the oldest one still holds something within retention
                    long minLive = Math.max(0, model.streamTime() - retention) / interval;
                    assertTrue(engine.segmentIds().first() >= minLive, ctx + " segments " + engine.segmentIds());
                }
            }
            checkEverything(model, store, "seed " + seed + " end");
        } finally {
            store.close();
        }
    }

    private static void checkEverything(VersionedReferenceModel model, VersionedKeyValueStore<String, String> store, String ctx) {
        long st = model.streamTime();
        for (String k : KEYS) {
            assertEquals(model.get(k), store.get(k), ctx + " get " + k);
            for (long t = Math.max(0, st - 120); t <= st + 3; t++) {
                assertEquals(plain(model.get(k, t)), store.get(k, t), ctx + " get " + k + " as of " + t);
                // the bytes store below the serde layer also answers validTo
                VersionedRecord<byte[]> raw = engine(store).get(Bytes.wrap(k.getBytes(StandardCharsets.UTF_8)), t);
                VersionedRecord<String> expected = model.get(k, t);
                assertEquals(expected == null ? null : expected.validTo(), raw == null ? null : raw.validTo(), ctx + " validTo " + k + " as of " + t);
            }
        }
    }

    private static VersionedRecord<String> plain(VersionedRecord<String> r) {
        return r == null ? null : new VersionedRecord<>(r.value(), r.timestamp());
    }

    @Test
    void kafkaDocumentedExamples() {
        VersionedKeyValueStore<String, String> store = open(100, 10);
        try {
            assertEquals(-1L, store.put("k", "a", 10));
            assertEquals(-1L, store.put("k", "b", 20));
            assertEquals(20L, store.put("k", "x", 15)); // out of order: valid until the next version
            assertEquals(new VersionedRecord<>("x", 15), store.get("k", 17));
            assertEquals(new VersionedRecord<>("a", 10), store.get("k", 14));
            assertEquals(java.util.Optional.of(15L), engine(store).get(Bytes.wrap("k".getBytes(StandardCharsets.UTF_8)), 14).validTo());
            assertEquals(new VersionedRecord<>("b", 20), store.get("k"));
            assertEquals(new VersionedRecord<>("b", 20), store.delete("k", 30)); // returns what was valid then
            assertNull(store.get("k"));
            assertNull(store.get("k", 35));
            assertEquals(new VersionedRecord<>("b", 20), store.get("k", 29));
            assertEquals(30L, store.put("k", "y", 25)); // the tombstone at 30 is a version: validTo 30
            assertEquals(-1L, store.put("k", "late", 200));
            // stream time 200, retention 100: writes before 100 are rejected, reads before 100 see only the latest
            assertEquals(VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT, store.put("k", "old", 99));
            assertNull(store.delete("k", 99));
            assertNull(store.get("k", 99));
            assertNull(store.get("k", 29)); // "y" is still in a segment, but beyond the history retention
            assertEquals(new VersionedRecord<>("late", 200), store.get("k", 99999));
        } finally {
            store.close();
        }
    }

    @Test
    void segmentsAreDroppedExactlyWhenTheirLastVersionLeavesTheRetention() {
        VersionedKeyValueStore<String, String> store = open(20, 10);
        try {
            store.put("k", "a", 5);
            store.put("k", "b", 15); // "a" is valid to 15: segment 1
            store.put("k", "c", 21); // "b" is valid to 21: segment 2
            assertEquals(List.of(1L, 2L), List.copyOf(engine(store).segmentIds()));
            store.put("other", "x", 39); // stream time 39: 19 is the oldest retained time, in segment 1
            assertEquals(List.of(1L, 2L), List.copyOf(engine(store).segmentIds()));
            assertEquals(new VersionedRecord<>("b", 15), store.get("k", 19));
            store.put("other", "y", 40); // oldest retained time 20: segment 1 (times 10-19) is gone; "x" went to 4
            assertEquals(List.of(2L, 4L), List.copyOf(engine(store).segmentIds()));
            assertNull(store.get("k", 19), "beyond the retention");
            assertEquals(new VersionedRecord<>("b", 15), store.get("k", 20), "a version valid at the oldest retained time stays");
            store.flush();
            store.close();
            VersionedKeyValueStore<String, String> reopened = open(20, 10);
            assertEquals(List.of(2L, 4L), List.copyOf(engine(reopened).segmentIds()), "segments found again on open");
            assertEquals(40L, engine(reopened).observedStreamTime(), "stream time kept across restarts");
            assertEquals(VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT, reopened.put("k", "late", 19));
            assertEquals(new VersionedRecord<>("c", 21), reopened.get("k"));
            reopened.close();
        } finally {
            store.close();
        }
    }

    @Test
    void openCloseCyclesReleaseEveryHandle() throws Exception {
        Path dir = stateRoot.resolve("cycles");
        for (int warm = 0; warm < 5; warm++) cycle(dir, warm);
        long before = openFds();
        for (int i = 0; i < 100; i++) cycle(dir, i);
        long after = openFds();
        assertTrue(after <= before + 2, "open fds grew from " + before + " to " + after);
    }

    private static void cycle(Path dir, int i) {
        VersionedKeyValueStore<String, String> store = open(dir, 50, 10);
        for (int k = 0; k < 20; k++) store.put("k" + k, "v" + i, 100L * i + k); // every cycle moves segments
        store.get("k1", 100L * i);
        store.flush();
        store.close();
    }

    private static long openFds() throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    void negativeTimestampsAndNullKeysAreRejected() {
        VersionedKeyValueStore<String, String> store = open(100, 10);
        try {
            assertThrows(IllegalArgumentException.class, () -> store.put("k", "v", -5));
            assertThrows(NullPointerException.class, () -> store.put(null, "v", 5));
            assertThrows(NullPointerException.class, () -> store.get(null));
        } finally {
            store.close();
        }
    }
}
