package dev.millrace.streams.state;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.internals.SessionWindow;
import dev.millrace.streams.kstream.internals.TimeWindow;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.internals.CachingSessionStore;
import dev.millrace.streams.state.internals.CachingWindowStore;
import dev.millrace.streams.state.internals.MeteredSessionStore;
import dev.millrace.streams.state.internals.MeteredWindowStore;
import dev.millrace.streams.state.internals.ReadOnlySessionStoreView;
import dev.millrace.streams.state.internals.ReadOnlyWindowStoreFacade;
import dev.millrace.streams.state.internals.ReadOnlyWindowStoreView;
import dev.millrace.streams.state.internals.SimpleStateStoreContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public surface of window and session stores: Stores' argument checks and messages (Kafka Streams'), caching
 * failing loudly, window kinds, serdes and Instant overloads, timestamped values and the plain-supplier adapter,
 * read-only views, and closed stores and iterators.
 */
class WindowedStoreApiTest {
    @TempDir
    Path dir;

    private <S extends StateStore> S open(S store) {
        store.init(new SimpleStateStoreContext("app", new TaskId(0, 0), dir.toFile(),
                Map.of("default.key.serde", Serdes.StringSerde.class.getName(), "default.value.serde", Serdes.LongSerde.class.getName())), store);
        return store;
    }

    private static <K, V> List<String> render(KeyValueIterator<Windowed<K>, V> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                KeyValue<Windowed<K>, V> kv = it.next();
                out.add(kv.key + "=" + kv.value);
            }
        }
        return out;
    }

    @Test
    void storesCheckArgumentsWithKafkaStreamsMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stores.persistentWindowStore("w", Duration.ofSeconds(1), Duration.ofSeconds(2), false));
        assertEquals("The retention period of the window store w must be no smaller than its window size. Got size=[2000], retention=[1000]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Stores.inMemoryWindowStore("w", Duration.ofSeconds(1), Duration.ofSeconds(2), false));
        assertEquals("The retention period of the window store w must be no smaller than its window size. Got size=[PT2S], retention=[PT1S]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Stores.persistentWindowStore("w", Duration.ofSeconds(-1), Duration.ZERO, false));
        assertEquals("retentionPeriod cannot be negative", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Stores.persistentWindowStore("w", Duration.ofSeconds(1), Duration.ofSeconds(-1), false));
        assertEquals("windowSize cannot be negative", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Stores.persistentSessionStore("s", Duration.ofSeconds(-1)));
        assertEquals("retentionPeriod cannot be negative", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Stores.inMemorySessionStore("s", null));
        assertEquals("Invalid value for parameter \"retentionPeriod\" (value was: null). It shouldn't be null.", e.getMessage());
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Stores.persistentSessionStore(null, Duration.ZERO));
        assertEquals("name cannot be null", npe.getMessage());
        assertThrows(NullPointerException.class, () -> Stores.windowStoreBuilder(null, Serdes.String(), Serdes.String()));
        WindowBytesStoreSupplier s = Stores.persistentWindowStore("w", Duration.ofMinutes(10), Duration.ofMinutes(1), true);
        assertEquals(600_000, s.retentionPeriod());
        assertEquals(60_000, s.windowSize());
        assertTrue(s.retainDuplicates());
        assertEquals(300_000, s.segmentIntervalMs());
    }

    @Test
    void cachingCoalescesWritesUntilFlushExceptForDuplicates() {
        WindowStore<String, String> w = open(Stores.windowStoreBuilder(
                Stores.persistentWindowStore("cw", Duration.ofMinutes(1), Duration.ofSeconds(1), false), Serdes.String(), Serdes.String())
                .withCachingEnabled().withLoggingDisabled().build());
        SessionStore<String, String> s = open(Stores.sessionStoreBuilder(Stores.inMemorySessionStore("cs", Duration.ofMinutes(1)),
                Serdes.String(), Serdes.String()).withCachingEnabled().withLoggingDisabled().build());
        try {
            CachingWindowStore cw = (CachingWindowStore) ((MeteredWindowStore<?, ?>) w).wrapped();
            Bytes a = Bytes.wrap("a".getBytes());
            for (int i = 0; i < 5; i++) w.put("a", "v" + i, 1000);
            assertEquals(1, cw.dirtyEntries(), "five puts of one window are one buffered write");
            assertNull(cw.wrapped().fetch(a, 1000), "nothing reached the store yet");
            assertEquals("v4", w.fetch("a", 1000));
            assertEquals(List.of("[a@1000/2000]=v4"), render(w.all()));
            w.flush();
            assertEquals(0, cw.dirtyEntries());
            assertArrayEquals("v4".getBytes(), cw.wrapped().fetch(a, 1000));
            w.put("a", null, 1000);
            assertNull(w.fetch("a", 1000), "a buffered delete hides the stored window");
            assertEquals(List.of(), render(w.fetchAll(0, 5000)));

            CachingSessionStore cs = (CachingSessionStore) ((MeteredSessionStore<?, ?>) s).wrapped();
            Windowed<String> session = new Windowed<>("k", new SessionWindow(10, 20));
            s.put(session, "1");
            s.put(session, "2");
            s.remove(session);
            s.put(new Windowed<>("k", new SessionWindow(30, 40)), "3");
            assertEquals(2, cs.dirtyEntries());
            assertEquals(List.of("[k@30/40]=3"), render(s.fetch("k")));
            s.flush();
            List<String> stored = new ArrayList<>();
            try (KeyValueIterator<Windowed<Bytes>, byte[]> it = cs.wrapped().fetch(Bytes.wrap("k".getBytes()))) {
                while (it.hasNext()) {
                    KeyValue<Windowed<Bytes>, byte[]> kv = it.next();
                    stored.add(kv.key.window().start() + "/" + kv.key.window().end() + "=" + new String(kv.value));
                }
            }
            assertEquals(List.of("30/40=3"), stored, "the removed session never reached the store");
        } finally {
            w.close();
            s.close();
        }
        // stores with duplicates are never cached in Kafka Streams: the request is dropped and the store builds uncached
        WindowStore<String, String> dups = Stores.windowStoreBuilder(Stores.inMemoryWindowStore("d", Duration.ofMinutes(1), Duration.ofSeconds(1), true),
                Serdes.String(), Serdes.String()).withCachingEnabled().withLoggingDisabled().build();
        assertFalse(((MeteredWindowStore<?, ?>) dups).wrapped() instanceof CachingWindowStore);
    }

    @Test
    void windowKindsFollowKafkaStreams() {
        assertThrows(IllegalArgumentException.class, () -> new TimeWindow(5, 5));
        assertThrows(IllegalArgumentException.class, () -> new TimeWindow(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> new SessionWindow(6, 5));
        assertTrue(new SessionWindow(5, 5).overlap(new SessionWindow(5, 9)), "session ends are inclusive");
        assertFalse(new TimeWindow(0, 5).overlap(new TimeWindow(5, 9)), "time window ends are exclusive");
        assertThrows(IllegalArgumentException.class, () -> new TimeWindow(0, 5).overlap(new SessionWindow(0, 5)));
        assertEquals(new Windowed<>("a", new TimeWindow(0, 5)), new Windowed<>("a", new TimeWindow(0, 5)));
        assertFalse(new Windowed<>("a", new TimeWindow(0, 5)).equals(new Windowed<>("a", new SessionWindow(0, 5))));
        assertEquals("[a@0/5]", new Windowed<>("a", new TimeWindow(0, 5)).toString());
    }

    @Test
    void windowStoreWithSerdesAndInstants() {
        WindowStore<String, Long> store = open(Stores.<String, Long>windowStoreBuilder(
                Stores.persistentWindowStore("w", Duration.ofMinutes(5), Duration.ofMinutes(1), false), null, null)
                .withLoggingDisabled().build());
        try {
            store.put("b", 1L, 60_000);
            store.put("a", 2L, 60_000);
            store.put("a", 3L, 120_000);
            store.put("a", null, 120_000); // deletes
            assertEquals(2L, store.fetch("a", 60_000));
            assertNull(store.fetch("a", 120_000));
            assertEquals(List.of("[a@60000/120000]=2", "[b@60000/120000]=1"),
                    render(store.fetch("a", "b", Instant.ofEpochMilli(0), Instant.ofEpochMilli(60_000))));
            assertEquals(List.of("[b@60000/120000]=1", "[a@60000/120000]=2"), render(store.backwardFetchAll(Instant.EPOCH, Instant.ofEpochMilli(70_000))));
            try (WindowStoreIterator<Long> it = store.fetch("a", Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE))) {
                assertEquals(KeyValue.pair(60_000L, 2L), it.next());
                assertFalse(it.hasNext());
            }
            assertThrows(IllegalArgumentException.class, () -> store.fetch("a", null, Instant.EPOCH));
            assertThrows(IllegalArgumentException.class, () -> store.fetch("a", Instant.MAX, Instant.MAX));
            assertThrows(NullPointerException.class, () -> store.put(null, 1L, 0));
        } finally {
            store.close();
        }
        assertThrows(InvalidStateStoreException.class, () -> store.fetch("a", 60_000));
    }

    @Test
    void timestampedWindowStoresKeepTimestampsAndTheFacadeDropsThem() {
        TimestampedWindowStore<String, String> store = open(Stores.timestampedWindowStoreBuilder(
                Stores.persistentTimestampedWindowStore("t", Duration.ofMinutes(5), Duration.ofMinutes(1), false), Serdes.String(), Serdes.String())
                .withLoggingDisabled().build());
        try {
            store.put("a", ValueAndTimestamp.make("x", 77), 0);
            assertEquals(ValueAndTimestamp.make("x", 77), store.fetch("a", 0));
            ReadOnlyWindowStore<String, String> facade = new ReadOnlyWindowStoreFacade<>(store);
            assertEquals("x", facade.fetch("a", 0));
            assertEquals(List.of("[a@0/60000]=x"), render(facade.all()));
            try (WindowStoreIterator<String> it = facade.backwardFetch("a", Instant.EPOCH, Instant.ofEpochMilli(10))) {
                assertEquals(KeyValue.pair(0L, "x"), it.next());
            }
        } finally {
            store.close();
        }
        // a plain persistent supplier behind a timestamped builder keeps no timestamps: they read back as -1
        TimestampedWindowStore<String, String> adapted = open(Stores.timestampedWindowStoreBuilder(
                Stores.persistentWindowStore("p", Duration.ofMinutes(5), Duration.ofMinutes(1), false), Serdes.String(), Serdes.String())
                .withLoggingDisabled().build());
        try {
            adapted.put("a", ValueAndTimestamp.make("y", 77), 0);
            assertEquals(ValueAndTimestamp.make("y", -1), adapted.fetch("a", 0));
        } finally {
            adapted.close();
        }
    }

    @Test
    void readOnlyViewsExposeReadsOnly() {
        WindowStore<String, String> window = open(Stores.windowStoreBuilder(
                Stores.inMemoryWindowStore("w", Duration.ofMinutes(5), Duration.ofMinutes(1), false), Serdes.String(), Serdes.String())
                .withLoggingDisabled().build());
        SessionStore<String, String> session = open(Stores.sessionStoreBuilder(
                Stores.inMemorySessionStore("s", Duration.ofMinutes(5)), Serdes.String(), Serdes.String()).withLoggingDisabled().build());
        try {
            window.put("a", "1", 0);
            session.put(new Windowed<>("a", new SessionWindow(0, 10)), "agg");
            ReadOnlyWindowStore<String, String> w = new ReadOnlyWindowStoreView<>(window);
            ReadOnlySessionStore<String, String> s = new ReadOnlySessionStoreView<>(session);
            assertFalse(w instanceof StateStore || w instanceof WindowStore);
            assertFalse(s instanceof StateStore || s instanceof SessionStore);
            assertEquals("1", w.fetch("a", 0));
            assertEquals(List.of("[a@0/60000]=1"), render(w.fetchAll(Instant.EPOCH, Instant.ofEpochMilli(5))));
            assertEquals("agg", s.fetchSession("a", 0, 10));
            assertEquals(List.of("[a@0/10]=agg"), render(s.findSessions("a", Instant.ofEpochMilli(10), Instant.ofEpochMilli(0))));
            assertEquals(List.of(), render(s.findSessions("a", 11, 20)));
        } finally {
            window.close();
            session.close();
        }
    }

    @Test
    void sessionStoreWithSerdes() {
        SessionStore<String, Long> store = open(Stores.<String, Long>sessionStoreBuilder(Stores.persistentSessionStore("s", Duration.ofMinutes(5)), null, null)
                .withLoggingDisabled().build());
        try {
            store.put(new Windowed<>("a", new SessionWindow(0, 100)), 1L);
            store.put(new Windowed<>("a", new SessionWindow(200, 300)), 2L);
            store.put(new Windowed<>("b", new SessionWindow(150, 150)), 3L);
            // sessions overlapping [120, 160]: ends at or after 120, starts at or before 160
            assertEquals(List.of("[b@150/150]=3"), render(store.findSessions("a", "b", 120, 160)));
            assertEquals(List.of("[a@200/300]=2", "[a@0/100]=1"), render(store.backwardFetch("a")));
            store.remove(new Windowed<>("a", new SessionWindow(0, 100)));
            assertNull(store.fetchSession("a", 0, 100));
            store.put(new Windowed<>("a", new SessionWindow(200, 300)), null);
            assertEquals(List.of(), render(store.fetch("a")));
            KeyValueIterator<Windowed<String>, Long> it = store.fetch("b");
            store.close();
            assertThrows(InvalidStateStoreException.class, it::hasNext);
        } finally {
            store.close();
        }
        assertInstanceOf(SessionBytesStoreSupplier.class, Stores.inMemorySessionStore("x", Duration.ZERO));
    }

    /**
     * A session buffered in the cache but older than the retention is hidden by default (as the uncached store hides
     * it), and returned with {@code withCacheOutlivingRetention()}, as Kafka Streams' record cache returns it.
     */
    @Test
    void cacheOutlivingRetentionReturnsBufferedExpiredSessions() {
        for (boolean outlive : new boolean[] {false, true}) {
            var builder = (dev.millrace.streams.state.internals.SessionStoreBuilder<String, Long>) Stores.sessionStoreBuilder(
                    Stores.inMemorySessionStore("outlive-" + outlive, Duration.ofMillis(100)), Serdes.String(), Serdes.Long());
            builder.withCachingEnabled().withLoggingDisabled();
            if (outlive) builder.withCacheOutlivingRetention();
            SessionStore<String, Long> store = open(builder.build());
            try {
                store.put(new Windowed<>("a", new SessionWindow(10, 20)), 1L);
                store.put(new Windowed<>("b", new SessionWindow(500, 500)), 2L); // stream time 500: [10, 20] expired
                List<String> found = render(store.findSessions("a", 0, 1000));
                assertEquals(outlive ? List.of("[a@10/20]=1") : List.of(), found, "outlive " + outlive);
            } finally {
                store.close();
            }
        }
    }
}
