package dev.millrace.streams.state.internals;

import dev.millrace.streams.processor.TaskId;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One byte budget shared by the caching stores of a context (Kafka Streams' per-thread cache). */
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
    void evictionTakesTheLeastRecentlyUsedEntryAcrossStoresAndFlushesItsStore() {
        SimpleStateStoreContext ctx = context(Map.of(ThreadCache.CACHE_MAX_BYTES_CONFIG, String.valueOf(3 * PER_ENTRY)));
        Recording in1 = new Recording("s1"), in2 = new Recording("s2"), in3 = new Recording("s3");
        CachingKeyValueStore s1 = open(ctx, in1), s2 = open(ctx, in2), s3 = open(ctx, in3);
        ThreadCache cache = ctx.cache();
        s1.put(b("a"), v("1"));
        s2.put(b("b"), v("2"));
        s3.put(b("c"), v("3"));
        assertEquals(3 * PER_ENTRY, cache.sizeBytes());
        assertEquals(List.of(), in1.writes);
        s1.put(b("d"), v("4")); // over budget: s1's a is eldest and dirty -> s1's dirty entries written in order, a leaves
        assertEquals(List.of("a=1", "d=4"), in1.writes);
        assertEquals(List.of(), in2.writes, "other stores keep their dirty entries");
        assertEquals(List.of("0_0-s2:b*", "0_0-s3:c*", "0_0-s1:d"), cache.describeEldestFirst());
        s3.get(b("c")); // use: s3's c is now the youngest
        s2.put(b("e"), v("5")); // eldest is s2's b
        assertEquals(List.of("b=2", "e=5"), in2.writes);
        assertEquals(List.of("0_0-s1:d", "0_0-s3:c*", "0_0-s2:e"), cache.describeEldestFirst());
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
    void aBusyStorePushesOutAQuietStoresCleanEntriesWithoutWritingThem() {
        SimpleStateStoreContext ctx = context(Map.of(ThreadCache.CACHE_MAX_BYTES_CONFIG, String.valueOf(4 * PER_ENTRY)));
        Recording quietInner = new Recording("quiet"), busyInner = new Recording("busy");
        CachingKeyValueStore quiet = open(ctx, quietInner);
        CachingKeyValueStore busy = open(ctx, busyInner);
        quiet.put(b("x"), v("0"));
        quiet.flush();
        assertEquals(PER_ENTRY, quiet.cachedBytes());
        for (int i = 0; i < 4; i++) busy.put(b(String.valueOf((char) ('a' + i))), v("1"));
        assertEquals(0, quiet.cachedBytes(), "the clean entry of the quiet store was evicted");
        assertEquals(List.of("x=0"), quietInner.writes, "a clean eviction writes nothing");
        assertEquals(List.of(), busyInner.writes, "the busy store's entries fit once the quiet one left");
        assertArrayEquals(v("0"), quiet.get(b("x")), "read back from the store");
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
