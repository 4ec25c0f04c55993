package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.internals.SessionWindow;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.KeyValueIterator;
import org.apache.kafka.common.utils.Bytes;
import dev.millrace.streams.state.SessionStore;
import dev.millrace.streams.state.WindowStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scans through the window and session caches read the store below lazily (Kafka Streams' merged sorted cache
 * iterators) and merge the cached writes in the store's own order, so a scan over a large store that is abandoned
 * early reads only what it used.
 */
class CachingWindowedScanTest {
    private static final long RETENTION = 1_000_000;
    private static final long SEGMENT = 100;

    @TempDir
    Path dir;

    /** Counts the entries the store's iterators hand out. */
    static final class Counter {
        int handedOut;

        KeyValueIterator<Windowed<Bytes>, byte[]> wrap(KeyValueIterator<Windowed<Bytes>, byte[]> it) {
            return new MappedKeyValueIterator<>(it, k -> k, v -> v) {
                @Override
                public KeyValue<Windowed<Bytes>, byte[]> next() {
                    handedOut++;
                    return super.next();
                }
            };
        }
    }

    static final class CountingWindows extends RocksDBWindowStore {
        final Counter counter = new Counter();

        CountingWindows(String name) {
            super(name, RETENTION, SEGMENT, 10, false);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
            return counter.wrap(super.fetchAll(timeFrom, timeTo));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
            return counter.wrap(super.backwardFetchAll(timeFrom, timeTo));
        }
    }

    static final class CountingSessions extends RocksDBSessionStore {
        final Counter counter = new Counter();

        CountingSessions(String name) {
            super(name, RETENTION, SEGMENT);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo, long earliestEnd, long latestStart) {
            return counter.wrap(super.findSessions(keyFrom, keyTo, earliestEnd, latestStart));
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo, long earliestEnd, long latestStart) {
            return counter.wrap(super.backwardFindSessions(keyFrom, keyTo, earliestEnd, latestStart));
        }
    }

    private SimpleStateStoreContext context() {
        // room for about five entries: most writes reach RocksDB long before the scans
        return new SimpleStateStoreContext("app", new TaskId(0, 2), dir.toFile(), Map.of(ThreadCache.CACHE_MAX_BYTES_CONFIG, 600));
    }

    private static Bytes b(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> render(KeyValueIterator<Windowed<Bytes>, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                KeyValue<Windowed<Bytes>, byte[]> kv = it.next();
                out.add(new String(kv.key.key().get(), StandardCharsets.UTF_8) + "@" + kv.key.window().start() + "/"
                        + kv.key.window().end() + "=" + new String(kv.value, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void windowScansReadTheStoreLazilyAndMergeCachedWritesInItsOrder() {
        CountingWindows inner = new CountingWindows("lazy-windows");
        CachingWindowStore store = new CachingWindowStore(inner, 10, RETENTION, SEGMENT);
        store.init(context(), store);
        try {
            // keys of different lengths, so stored bytes interleave keys and timestamps within a segment
            for (int i = 0; i < 500; i++) store.put(b(i % 3 == 0 ? "k" : "k" + (i % 10)), ("v" + i).getBytes(), (i / 10) * 10L);
            store.flush();
            assertEquals("v305", new String(inner.fetch(b("k5"), 300)), "the window to delete is stored");
            store.put(b("k3"), "new".getBytes(), 200);  // overwrites a stored window
            store.put(b("k5"), null, 300);              // deletes one
            store.put(b("k"), "fresh".getBytes(), 505); // a window the store never saw
            assertEquals(3, store.dirtyEntries(), "the three writes are still only in the cache");

            inner.counter.handedOut = 0;
            KeyValueIterator<Windowed<Bytes>, byte[]> it = store.fetchAll(0, Long.MAX_VALUE);
            for (int i = 0; i < 3; i++) it.next();
            assertTrue(inner.counter.handedOut <= 4, "three results took " + inner.counter.handedOut + " stored entries");
            it.close();

            List<String> forward = render(store.fetchAll(0, Long.MAX_VALUE));
            List<String> backward = render(store.backwardFetchAll(0, Long.MAX_VALUE));
            assertTrue(forward.contains("k3@200/210=new") && forward.contains("k@505/515=fresh"), "cached writes show");
            assertTrue(forward.stream().noneMatch(s -> s.startsWith("k5@300/")), "a cached delete hides the stored window");
            store.flush(); // now the store alone holds it all: the merged scans must have shown exactly its order
            assertEquals(render(inner.fetchAll(0, Long.MAX_VALUE)), forward);
            List<String> reversed = new ArrayList<>(forward);
            Collections.reverse(reversed);
            assertEquals(reversed, backward);
        } finally {
            store.close();
        }
    }

    @Test
    void sessionScansReadTheStoreLazilyAndMergeCachedWritesInItsOrder() {
        CountingSessions inner = new CountingSessions("lazy-sessions");
        CachingSessionStore store = new CachingSessionStore(inner, RETENTION, SEGMENT);
        store.init(context(), store);
        try {
            for (int i = 0; i < 500; i++) {
                long end = (i / 5) * 10L;
                store.put(new Windowed<>(b(i % 3 == 0 ? "s" : "s" + (i % 5)), new SessionWindow(Math.max(0, end - (i % 4) * 5), end)), ("v" + i).getBytes());
            }
            store.flush();
            assertEquals("v497", new String(inner.fetchSession(b("s2"), 985, 990)), "the session to remove is stored");
            store.put(new Windowed<>(b("s1"), new SessionWindow(990, 990)), "new".getBytes()); // overwrites a stored session
            store.remove(new Windowed<>(b("s2"), new SessionWindow(985, 990)));
            store.put(new Windowed<>(b("s"), new SessionWindow(1000, 1100)), "fresh".getBytes());
            assertEquals(3, store.dirtyEntries(), "the three writes are still only in the cache");

            inner.counter.handedOut = 0;
            KeyValueIterator<Windowed<Bytes>, byte[]> it = store.fetch(b("s"), b("s9"));
            for (int i = 0; i < 3; i++) it.next();
            assertTrue(inner.counter.handedOut <= 4, "three results took " + inner.counter.handedOut + " stored entries");
            it.close();

            List<String> forward = render(store.fetch(b("s"), b("s9")));
            List<String> backward = render(store.backwardFetch(b("s"), b("s9")));
            assertTrue(forward.contains("s1@990/990=new") && forward.contains("s@1000/1100=fresh"), "cached writes show");
            assertTrue(forward.stream().noneMatch(s -> s.startsWith("s2@985/990=")), "a cached remove hides the stored session");
            store.flush();
            assertEquals(render(inner.findSessions(b("s"), b("s9"), 0, Long.MAX_VALUE)), forward);
            List<String> reversed = new ArrayList<>(forward);
            Collections.reverse(reversed);
            assertEquals(reversed, backward);
        } finally {
            store.close();
        }
    }

    private static String key(int i) {
        return i % 13 == 0 ? "k" : "k" + (i % 13); // k1 is a prefix of k10..k12: stored bytes interleave
    }

    /** Queries run through the cache before its writes go down, then on the store below after the flush. */
    private static <S> void sameResultsAfterFlush(S cached, S inner, Runnable flush, List<Function<S, KeyValueIterator<Windowed<Bytes>, byte[]>>> queries) {
        List<List<String>> merged = new ArrayList<>();
        for (Function<S, KeyValueIterator<Windowed<Bytes>, byte[]>> q : queries) merged.add(render(q.apply(cached)));
        flush.run();
        for (int i = 0; i < queries.size(); i++) {
            List<String> expected = render(queries.get(i).apply(inner));
            assertTrue(expected.size() > 10, "query " + i + " finds enough to cross batches: " + expected.size());
            assertEquals(expected, merged.get(i), "query " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void windowScansOverManyCacheBatchesEqualTheStoresOwn(boolean rocksdb) {
        WindowStore<Bytes, byte[]> inner = rocksdb ? new RocksDBWindowStore("batches-w", RETENTION, SEGMENT, 10, false)
                : new InMemoryWindowStore("batches-w", RETENTION, 10, false);
        CachingWindowStore store = new CachingWindowStore(inner, 10, RETENTION, rocksdb ? SEGMENT : 1);
        store.init(new SimpleStateStoreContext("app", new TaskId(0, 3), dir.toFile(), Map.of()), store);
        try {
            for (int i = 0; i < 600; i++) store.put(b(key(i)), ("v" + i).getBytes(), (i / 3) * 5L);
            store.flush();
            // 400 cached writes (overwrites, deletes, new windows): many cursor batches of 64
            for (int i = 0; i < 400; i++) store.put(b(key(i * 7)), i % 5 == 0 ? null : ("w" + i).getBytes(), (i % 250) * 4L);
            assertTrue(store.dirtyEntries() > 3 * CachedWindowedCursor.BATCH);
            sameResultsAfterFlush((WindowStore<Bytes, byte[]>) store, inner, store::flush, List.of(
                    s -> s.fetchAll(0, Long.MAX_VALUE),
                    s -> s.backwardFetchAll(0, Long.MAX_VALUE),
                    s -> s.fetchAll(120, 777),
                    s -> s.backwardFetchAll(120, 777),
                    s -> s.fetch(b("k1"), b("k5"), 50, 900),
                    s -> s.backwardFetch(b("k1"), b("k5"), 50, 900),
                    s -> new MappedKeyValueIterator<>(s.fetch(b("k1"), 0, Long.MAX_VALUE), t -> new Windowed<>(b("k1"), WindowKeySchema.timeWindowForSize(t, 10)), v -> v),
                    s -> new MappedKeyValueIterator<>(s.backwardFetch(b("k1"), 0, Long.MAX_VALUE), t -> new Windowed<>(b("k1"), WindowKeySchema.timeWindowForSize(t, 10)), v -> v)));
        } finally {
            store.close();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sessionScansOverManyCacheBatchesEqualTheStoresOwn(boolean rocksdb) {
        SessionStore<Bytes, byte[]> inner = rocksdb ? new RocksDBSessionStore("batches-s", RETENTION, SEGMENT) : new InMemorySessionStore("batches-s", RETENTION);
        CachingSessionStore store = new CachingSessionStore(inner, RETENTION, rocksdb ? SEGMENT : 1);
        store.init(new SimpleStateStoreContext("app", new TaskId(0, 4), dir.toFile(), Map.of()), store);
        try {
            for (int i = 0; i < 600; i++) {
                long end = (i / 3) * 5L;
                store.put(new Windowed<>(b(key(i)), new SessionWindow(Math.max(0, end - (i % 3) * 5), end)), ("v" + i).getBytes());
            }
            store.flush();
            for (int i = 0; i < 400; i++) {
                long end = (i % 250) * 4L;
                Windowed<Bytes> session = new Windowed<>(b(key(i * 7)), new SessionWindow(Math.max(0, end - (i % 2) * 4), end));
                if (i % 5 == 0) store.remove(session);
                else store.put(session, ("w" + i).getBytes());
            }
            assertTrue(store.dirtyEntries() > 3 * CachedWindowedCursor.BATCH);
            sameResultsAfterFlush((SessionStore<Bytes, byte[]>) store, inner, store::flush, List.of(
                    s -> s.fetch(b("k"), b("k9")),
                    s -> s.backwardFetch(b("k"), b("k9")),
                    s -> s.findSessions(b("k1"), b("k5"), 100, 800),
                    s -> s.backwardFindSessions(b("k1"), b("k5"), 100, 800),
                    s -> s.findSessions(120, 777),
                    s -> s.fetch(b("k1")),
                    s -> s.backwardFetch(b("k1"))));
        } finally {
            store.close();
        }
    }

    @Test
    void writesDuringACachedScanAreSafe() {
        CachingWindowStore store = new CachingWindowStore(new InMemoryWindowStore("writes-during-scan", RETENTION, 10, false), 10, RETENTION, 1);
        store.init(new SimpleStateStoreContext("app", new TaskId(0, 5), dir.toFile(), Map.of()), store);
        try {
            for (int i = 0; i < 500; i++) store.put(b(key(i)), ("v" + i).getBytes(), i);
            List<String> before = render(store.fetchAll(0, 499));
            List<String> during = new ArrayList<>();
            try (KeyValueIterator<Windowed<Bytes>, byte[]> it = store.fetchAll(0, 499)) {
                int n = 0;
                while (it.hasNext()) {
                    KeyValue<Windowed<Bytes>, byte[]> kv = it.next();
                    during.add(new String(kv.key.key().get(), StandardCharsets.UTF_8) + "@" + kv.key.window().start() + "/"
                            + kv.key.window().end() + "=" + new String(kv.value, StandardCharsets.UTF_8));
                    store.put(b(key(n++)), "later".getBytes(), 1000 + n); // the cache changes between the scan's batches
                }
            }
            assertEquals(500, before.size());
            assertEquals(before, during, "writes outside the scanned range leave it unchanged");
        } finally {
            store.close();
        }
    }
}
