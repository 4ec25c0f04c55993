package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.internals.SessionWindow;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.KeyValueIterator;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One byte budget shared by the caching stores of a context (Kafka Streams' per-thread cache), of every store kind;
 * as in Kafka Streams, a store's writes evict only that store's entries.
 */
class ThreadCacheTest {
    private static final long PER_ENTRY = ThreadCache.ENTRY_OVERHEAD + 2; // one-byte keys and values

    @TempDir
    Path dir;

    /** An in-memory store that records every write reaching it. */
    static class Recording extends InMemoryKeyValueStore {
        final List<String> writes = new ArrayList<>();

        Recording(String name) {
            super(name);
        }

        @Override
        public synchronized void put(Bytes key, byte[] value) {
            writes.add(new String(key.get(), StandardCharsets.UTF_8) + "=" + (value == null ? "null" : new String(value, StandardCharsets.UTF_8)));
            super.put(key, value);
        }
    }

    /** A heap window store that records every write reaching it. */
    static class RecordingWindows extends InMemoryWindowStore {
        final List<String> writes = new ArrayList<>();

        RecordingWindows(String name) {
            super(name, WINDOW_RETENTION, 10, false);
        }

        @Override
        public synchronized void put(Bytes key, byte[] value, long windowStartTimestamp) {
            writes.add(str(key.get()) + "@" + windowStartTimestamp + "=" + (value == null ? "null" : str(value)));
            super.put(key, value, windowStartTimestamp);
        }
    }

    /** A heap session store that records every put and remove reaching it. */
    static class RecordingSessions extends InMemorySessionStore {
        final List<String> writes = new ArrayList<>();

        RecordingSessions(String name) {
            super(name, WINDOW_RETENTION);
        }

        @Override
        public synchronized void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
            writes.add("put " + session(sessionKey) + "=" + (aggregate == null ? "null" : str(aggregate)));
            super.put(sessionKey, aggregate);
        }

        @Override
        public synchronized void remove(Windowed<Bytes> sessionKey) {
            writes.add("remove " + session(sessionKey));
            super.remove(sessionKey);
        }
    }

    /** Far beyond the timestamps used here: nothing expires, so the models need no retention. */
    private static final long WINDOW_RETENTION = 1_000_000;
    /** Cache cost of a window entry with one-byte key and value: segment id, key, window start, seqnum. */
    private static final long WINDOW_ENTRY = ThreadCache.ENTRY_OVERHEAD + 8 + 1 + 12 + 1;
    /** Cache cost of a session entry with one-byte key and value: segment id, key, end, start. */
    private static final long SESSION_ENTRY = ThreadCache.ENTRY_OVERHEAD + 8 + 1 + 16 + 1;

    private static String str(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String session(Windowed<Bytes> w) {
        return str(w.key().get()) + "@" + w.window().start() + "/" + w.window().end();
    }

    private static Windowed<Bytes> sessionKey(String key, long start, long end) {
        return new Windowed<>(b(key), new SessionWindow(start, end));
    }

    private static CachingWindowStore openWindows(SimpleStateStoreContext ctx, RecordingWindows inner) {
        CachingWindowStore store = new CachingWindowStore(inner, 10, WINDOW_RETENTION, 1);
        store.init(ctx, store);
        return store;
    }

    private static CachingSessionStore openSessions(SimpleStateStoreContext ctx, RecordingSessions inner) {
        CachingSessionStore store = new CachingSessionStore(inner, WINDOW_RETENTION, 1);
        store.init(ctx, store);
        return store;
    }

    private static Bytes b(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] v(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private SimpleStateStoreContext context(Map<String, Object> configs) {
        return new SimpleStateStoreContext("app", new TaskId(0, 0), dir.toFile(), configs);
    }

    private static CachingKeyValueStore open(SimpleStateStoreContext ctx, Recording inner) {
        CachingKeyValueStore store = new CachingKeyValueStore(inner);
        store.init(ctx, store);
        return store;
    }

    @Test
    void aWriteEvictsTheEldestEntryOfItsOwnStoreAndFlushesOnlyThatStore() {
        SimpleStateStoreContext ctx = context(Map.of(ThreadCache.CACHE_MAX_BYTES_CONFIG, String.valueOf(3 * PER_ENTRY)));
        Recording in1 = new Recording("s1"), in2 = new Recording("s2"), in3 = new Recording("s3");
        CachingKeyValueStore s1 = open(ctx, in1), s2 = open(ctx, in2), s3 = open(ctx, in3);
        ThreadCache cache = ctx.cache();
        s1.put(b("a"), v("1"));
        s2.put(b("b"), v("2"));
        s3.put(b("c"), v("3"));
        assertEquals(3 * PER_ENTRY, cache.sizeBytes());
        // over budget: s1's a is the thread's least recently used entry, but s2 is written, so s2's b goes (dirty: s2's
        // dirty entries are written in order) and s1 keeps its dirty entry, as in Kafka Streams
        s2.put(b("e"), v("5"));
        assertEquals(List.of("b=2", "e=5"), in2.writes);
        assertEquals(List.of(), in1.writes, "another store's write does not evict this store's entries");
        assertEquals(List.of("0_0-s1:a*", "0_0-s2:e", "0_0-s3:c*"), cache.describeEldestFirst());
        s3.get(b("c")); // use of s3's only entry: changes nothing for the others
        s1.put(b("d"), v("4")); // s1's a is s1's eldest
        assertEquals(List.of("a=1", "d=4"), in1.writes);
        assertEquals(List.of("0_0-s1:d", "0_0-s2:e", "0_0-s3:c*"), cache.describeEldestFirst());
        assertTrue(cache.sizeBytes() <= 3 * PER_ENTRY);
        assertEquals(2, cache.evictions());
        assertEquals(2, cache.evictionFlushes());
        s1.close();
        s2.close();
        s3.close();
        assertEquals(List.of("c=3"), in3.writes, "close writes what is still dirty");
        assertEquals(0, cache.sizeBytes(), "closed stores leave the thread cache");
    }

    @Test
    void aBusyStoreEvictsItsOwnEntriesAndLeavesAQuietStoresEntriesCached() {
        SimpleStateStoreContext ctx = context(Map.of(ThreadCache.CACHE_MAX_BYTES_CONFIG, String.valueOf(4 * PER_ENTRY)));
        Recording quietInner = new Recording("quiet"), busyInner = new Recording("busy");
        CachingKeyValueStore quiet = open(ctx, quietInner);
        CachingKeyValueStore busy = open(ctx, busyInner);
        quiet.put(b("x"), v("0"));
        quiet.flush();
        assertEquals(PER_ENTRY, quiet.cachedBytes());
        for (int i = 0; i < 7; i++) busy.put(b(String.valueOf((char) ('a' + i))), v("1"));
        assertEquals(PER_ENTRY, quiet.cachedBytes(), "the quiet store's clean entry is still cached");
        assertEquals(List.of("x=0"), quietInner.writes);
        assertEquals(List.of("a=1", "b=1", "c=1", "d=1"), busyInner.writes, "the busy store wrote its own entries down");
        assertEquals(3 * PER_ENTRY, busy.cachedBytes());
        assertEquals(List.of(b("x")), quiet.cachedKeysEldestFirst());
        assertEquals(List.of(b("e"), b("f"), b("g")), busy.cachedKeysEldestFirst(), "dirty since the eviction flush");
        quiet.close();
        busy.close();
    }

    @Test
    void randomWritesOnSeveralStoresNeverExceedTheBudgetAndFlushCorrectly() {
        long budget = 20 * (ThreadCache.ENTRY_OVERHEAD + 4);
        SimpleStateStoreContext ctx = context(Map.of(ThreadCache.CACHE_MAX_BYTES_CONFIG, budget));
        int n = 4;
        Recording[] inners = new Recording[n];
        CachingKeyValueStore[] stores = new CachingKeyValueStore[n];
        List<Map<String, String>> model = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inners[i] = new Recording("r" + i);
            stores[i] = open(ctx, inners[i]);
            model.add(new HashMap<>());
        }
        ThreadCache cache = ctx.cache();
        Random rnd = new Random(42);
        long maxSeen = 0;
        for (int step = 0; step < 20_000; step++) {
            int s = rnd.nextInt(10) < 6 ? 0 : rnd.nextInt(n); // store 0 is the busy one
            String key = "k" + rnd.nextInt(40);
            int op = rnd.nextInt(10);
            long[] before = new long[n];
            for (int i = 0; i < n; i++) before[i] = stores[i].cachedBytes();
            if (op < 5) {
                String val = "v" + rnd.nextInt(100);
                stores[s].put(b(key), v(val));
                model.get(s).put(key, val);
            } else if (op < 7) {
                stores[s].delete(b(key));
                model.get(s).remove(key);
            } else if (op < 9) {
                byte[] got = stores[s].get(b(key));
                assertEquals(model.get(s).get(key), got == null ? null : new String(got, StandardCharsets.UTF_8), "step " + step);
            } else {
                stores[s].flush();
                assertEquals(0, stores[s].dirtyEntries());
            }
            long total = 0;
            for (CachingKeyValueStore st : stores) total += st.cachedBytes();
            for (int i = 0; i < n; i++) {
                if (i != s) assertEquals(before[i], stores[i].cachedBytes(), "step " + step + ": store " + s + " evicted from store " + i);
            }
            assertEquals(cache.sizeBytes(), total, "the thread cache's total is the sum of its named caches");
            assertTrue(cache.sizeBytes() <= budget, "step " + step + ": " + cache.sizeBytes() + " > " + budget);
            maxSeen = Math.max(maxSeen, cache.sizeBytes());
        }
        assertTrue(cache.evictions() > 0 && cache.evictionFlushes() > 0, "the budget was actually contended");
        for (int i = 0; i < n; i++) {
            stores[i].flush();
            // the store below holds exactly the model once everything is flushed
            for (int k = 0; k < 40; k++) {
                byte[] stored = inners[i].get(b("k" + k));
                assertEquals(model.get(i).get("k" + k), stored == null ? null : new String(stored, StandardCharsets.UTF_8));
            }
            stores[i].close();
        }
        System.out.printf("thread cache: budget %d, max held %d, evictions %d, eviction flushes %d%n",
                budget, maxSeen, cache.evictions(), cache.evictionFlushes());
    }

    @Test
    void windowAndSessionStoresShareTheBudgetWithKeyValueStoresAndEachEvictsFromItsOwnCache() {
        long budget = PER_ENTRY + WINDOW_ENTRY + SESSION_ENTRY;
        SimpleStateStoreContext ctx = context(Map.of(ThreadCache.CACHE_MAX_BYTES_CONFIG, String.valueOf(budget)));
        Recording kvInner = new Recording("kv");
        RecordingWindows windowInner = new RecordingWindows("win");
        RecordingSessions sessionInner = new RecordingSessions("ses");
        CachingKeyValueStore kv = open(ctx, kvInner);
        CachingWindowStore windows = openWindows(ctx, windowInner);
        CachingSessionStore sessions = openSessions(ctx, sessionInner);
        ThreadCache cache = ctx.cache();

        kv.put(b("a"), v("1"));
        windows.put(b("a"), v("1"), 10);
        sessions.put(sessionKey("a", 5, 10), v("1"));
        assertEquals(budget, cache.sizeBytes(), "one entry of each kind fills the budget exactly");
        assertEquals(WINDOW_ENTRY, windows.cachedBytes());
        assertEquals(SESSION_ENTRY, sessions.cachedBytes());

        windows.put(b("b"), v("2"), 20);
        // over budget: the key-value store's entry is the thread's eldest, but the window store is written, so its
        // first window goes: all of that store's dirty windows go down in write order, and it leaves
        assertEquals(List.of(), kvInner.writes, "the key-value store keeps its dirty entry");
        assertEquals(List.of("a@10=1", "b@20=2"), windowInner.writes);
        assertEquals(List.of(), sessionInner.writes, "the session store keeps its dirty session");
        assertEquals(budget, cache.sizeBytes());
        assertEquals(cache.sizeBytes(), kv.cachedBytes() + windows.cachedBytes() + sessions.cachedBytes());
        assertEquals(0, windows.dirtyEntries(), "the window left in the cache is clean now");
        assertArrayEquals(v("1"), windows.fetch(b("a"), 10), "read back from the store");
        assertArrayEquals(v("2"), windows.fetch(b("b"), 20));

        // a remove coalesced in the cache and evicted by the session store's next write reaches the store as a
        // remove, written first as the evicted entry
        sessions.put(sessionKey("a", 5, 10), v("2"));
        sessions.remove(sessionKey("a", 5, 10));
        sessions.put(sessionKey("c", 30, 40), v("3"));
        assertEquals(List.of("remove a@5/10", "put c@30/40=3"), sessionInner.writes);
        assertEquals(List.of(), kvInner.writes);
        kv.put(b("d"), v("4")); // the key-value store's dirty a is its eldest
        kv.put(b("e"), v("5")); // then its clean d
        assertEquals(List.of("a=1", "d=4"), kvInner.writes);
        assertEquals(budget, cache.sizeBytes());
        assertEquals(List.of(b("e")), kv.cachedKeysEldestFirst());
        assertNull(sessions.fetchSession(b("a"), 5, 10));
        assertArrayEquals(v("3"), sessions.fetchSession(b("c"), 30, 40));
        assertEquals(3, cache.evictionFlushes(), "the kv, window and session stores were each flushed by eviction");
        assertEquals(4, cache.evictions());

        windows.put(b("z"), v("9"), 90);
        kv.close();
        windows.close();
        sessions.close();
        assertEquals(List.of("a@10=1", "b@20=2", "z@90=9"), windowInner.writes, "close writes what is still dirty");
        assertEquals(List.of("a=1", "d=4", "e=5"), kvInner.writes);
        assertEquals(0, cache.sizeBytes(), "every kind of store leaves the thread cache on close");
    }

    @Test
    void randomWritesOnKeyValueWindowAndSessionStoresNeverExceedTheSharedBudget() {
        long budget = 20 * WINDOW_ENTRY;
        SimpleStateStoreContext ctx = context(Map.of(ThreadCache.CACHE_MAX_BYTES_CONFIG, budget));
        Recording kvInner = new Recording("kv");
        RecordingWindows windowInner = new RecordingWindows("win");
        RecordingSessions sessionInner = new RecordingSessions("ses");
        CachingKeyValueStore kv = open(ctx, kvInner);
        CachingWindowStore windows = openWindows(ctx, windowInner);
        CachingSessionStore sessions = openSessions(ctx, sessionInner);
        ThreadCache cache = ctx.cache();
        Map<String, String> kvModel = new HashMap<>();
        // the heap stores' scan orders: windows by start, then key; sessions by end, key, then start descending
        TreeMap<String, String> windowModel = new TreeMap<>(Comparator.comparingLong((String k) -> Long.parseLong(k.substring(2))).thenComparing(k -> k.substring(0, 1)));
        TreeMap<String, String> sessionModel = new TreeMap<>(Comparator.comparingLong((String k) -> Long.parseLong(k.split("[@/]")[2]))
                .thenComparing(k -> k.substring(0, 1)).thenComparing(Comparator.comparingLong((String k) -> Long.parseLong(k.split("[@/]")[1])).reversed()));
        Random rnd = new Random(7);
        for (int step = 0; step < 20_000; step++) {
            String key = String.valueOf((char) ('a' + rnd.nextInt(6)));
            String val = String.valueOf((char) ('0' + rnd.nextInt(10)));
            int op = rnd.nextInt(20);
            long ts = 10L * rnd.nextInt(8);
            long start = Math.max(0, ts - 10L * rnd.nextInt(2));
            String w = key + "@" + ts, s = key + "@" + start + "/" + ts;
            if (op < 4) {
                kv.put(b(key), v(val));
                kvModel.put(key, val);
            } else if (op < 5) {
                byte[] got = kv.get(b(key));
                assertEquals(kvModel.get(key), got == null ? null : str(got), "step " + step);
            } else if (op < 9) {
                windows.put(b(key), op == 8 ? null : v(val), ts);
                if (op == 8) windowModel.remove(w);
                else windowModel.put(w, val);
            } else if (op < 11) {
                byte[] got = windows.fetch(b(key), ts);
                assertEquals(windowModel.get(w), got == null ? null : str(got), "step " + step + " window " + w);
            } else if (op < 15) {
                if (op == 14) sessions.remove(sessionKey(key, start, ts));
                else sessions.put(sessionKey(key, start, ts), v(val));
                if (op == 14) sessionModel.remove(s);
                else sessionModel.put(s, val);
            } else if (op < 17) {
                byte[] got = sessions.fetchSession(b(key), start, ts);
                assertEquals(sessionModel.get(s), got == null ? null : str(got), "step " + step + " session " + s);
            } else if (op < 18) {
                assertEquals(render(windowModel), renderWindows(windows.all()), "step " + step + ": window scan");
                assertEquals(render(sessionModel), renderSessions(sessions.findSessions(0, Long.MAX_VALUE)), "step " + step + ": session scan");
            } else if (op < 19) {
                kv.flush();
            } else {
                if (rnd.nextBoolean()) windows.flush();
                else sessions.flush();
            }
            assertEquals(cache.sizeBytes(), kv.cachedBytes() + windows.cachedBytes() + sessions.cachedBytes(),
                    "the thread cache's total is the sum of its named caches");
            assertTrue(cache.sizeBytes() <= budget, "step " + step + ": " + cache.sizeBytes() + " > " + budget);
        }
        assertTrue(cache.evictions() > 0 && cache.evictionFlushes() > 0, "the budget was actually contended");
        assertTrue(windowInner.writes.size() > 100 && sessionInner.writes.size() > 100, "evictions wrote windows and sessions down");
        assertTrue(sessionInner.writes.stream().anyMatch(x -> x.startsWith("remove")), "removes went down as removes");
        kv.flush();
        windows.flush();
        sessions.flush();
        // the stores below hold exactly the models once everything is flushed
        assertEquals(render(windowModel), renderWindows(windowInner.all()));
        assertEquals(render(sessionModel), renderSessions(sessionInner.findSessions(0, Long.MAX_VALUE)));
        for (String k : List.of("a", "b", "c", "d", "e", "f")) {
            byte[] stored = kvInner.get(b(k));
            assertEquals(kvModel.get(k), stored == null ? null : str(stored));
        }
        System.out.printf("thread cache with key-value, window and session stores: budget %d, evictions %d, eviction flushes %d, "
                + "windows written %d, sessions written %d%n", budget, cache.evictions(), cache.evictionFlushes(),
                windowInner.writes.size(), sessionInner.writes.size());
        kv.close();
        windows.close();
        sessions.close();
    }

    private static List<String> render(TreeMap<String, String> model) {
        List<String> out = new ArrayList<>();
        model.forEach((k, val) -> out.add(k + "=" + val));
        return out;
    }

    private static List<String> renderWindows(KeyValueIterator<Windowed<Bytes>, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                KeyValue<Windowed<Bytes>, byte[]> kv = it.next();
                out.add(str(kv.key.key().get()) + "@" + kv.key.window().start() + "=" + str(kv.value));
            }
        }
        return out;
    }

    private static List<String> renderSessions(KeyValueIterator<Windowed<Bytes>, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                KeyValue<Windowed<Bytes>, byte[]> kv = it.next();
                out.add(session(kv.key) + "=" + str(kv.value));
            }
        }
        return out;
    }

    @Test
    void flushWritesDirtyEntriesInTheOrderOfTheirLastWrite() {
        SimpleStateStoreContext ctx = context(Map.of());
        Recording inner = new Recording("o");
        CachingKeyValueStore store = open(ctx, inner);
        store.put(b("a"), v("1"));
        store.put(b("b"), v("2"));
        store.put(b("a"), v("3"));
        store.delete(b("c"));
        store.flush();
        assertEquals(List.of("b=2", "a=3", "c=null"), inner.writes);
        store.close();
    }

    @Test
    void aFlushTheStoreRefusesKeepsTheEntriesDirty() {
        SimpleStateStoreContext ctx = context(Map.of());
        boolean[] refuse = {true};
        Recording inner = new Recording("refusing") {
            @Override
            public synchronized void putAll(List<dev.millrace.streams.KeyValue<Bytes, byte[]>> entries) {
                if (refuse[0]) throw new IllegalStateException("refused");
                super.putAll(entries);
            }
        };
        CachingKeyValueStore store = open(ctx, inner);
        store.put(b("a"), v("1"));
        assertThrows(IllegalStateException.class, store::flush);
        assertEquals(1, store.dirtyEntries(), "still to be written");
        refuse[0] = false;
        store.flush();
        assertEquals(List.of("a=1"), inner.writes);
        store.close();
    }

    @Test
    void budgetConfigsAndOneCachePerContext() {
        assertEquals(ThreadCache.DEFAULT_CACHE_MAX_BYTES, ThreadCache.maxBytes(Map.of()));
        assertEquals(500, ThreadCache.maxBytes(Map.of(ThreadCache.CACHE_MAX_BYTES_BUFFERING_CONFIG, "500")), "the deprecated name still works");
        assertEquals(700, ThreadCache.maxBytes(Map.of(ThreadCache.CACHE_MAX_BYTES_BUFFERING_CONFIG, "500",
                ThreadCache.CACHE_MAX_BYTES_CONFIG, "700")), "the new name wins");
        SimpleStateStoreContext a = context(Map.of()), b = context(Map.of());
        assertSame(a.cache(), a.cache());
        assertNotSame(a.cache(), b.cache());
        assertThrows(IllegalArgumentException.class, () -> new ThreadCache(-1));
        CachingKeyValueStore one = open(a, new Recording("same"));
        assertThrows(IllegalStateException.class, () -> open(a, new Recording("same")), "two open stores cannot share a name");
        one.close();
        open(a, new Recording("same")).close(); // after close the name is free again
    }
}
