package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The thread cache's own LRU and dirty lists, driven through named caches directly (no store around them). */
class ThreadCacheLruTest {
    private static Bytes b(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static long cost(String key, String value) {
        return ThreadCache.ENTRY_OVERHEAD + key.length() + value.length();
    }

    private static List<String> strings(List<KeyValue<Bytes, byte[]>> batch) {
        List<String> out = new ArrayList<>();
        for (KeyValue<Bytes, byte[]> kv : batch) {
            out.add(new String(kv.key.get(), StandardCharsets.UTF_8) + "=" + (kv.value == null ? "null" : new String(kv.value, StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void getsAndPutsAcrossNamedCachesSetTheEvictionOrder() {
        ThreadCache cache = new ThreadCache(4 * cost("k1", "v"));
        List<String> flushedA = new ArrayList<>();
        NamedCache a = cache.register("a", batch -> flushedA.addAll(strings(batch)));
        NamedCache c = cache.register("c", batch -> { });
        a.put(b("k1"), "v".getBytes(), false);
        c.put(b("k2"), "v".getBytes(), false);
        a.put(b("k3"), "v".getBytes(), false);
        c.put(b("k4"), "v".getBytes(), false);
        a.get(b("k1")); // use: youngest
        c.put(b("k2"), "w".getBytes(), false); // rewrite: youngest
        assertEquals(List.of("a:k3", "c:k4", "a:k1", "c:k2"), cache.describeEldestFirst());
        a.get(b("missing")); // a miss changes nothing
        c.put(b("k5"), "v".getBytes(), false); // over budget: a's k3 leaves, clean, so nothing is written
        assertEquals(List.of("c:k4", "a:k1", "c:k2", "c:k5"), cache.describeEldestFirst());
        assertEquals(List.of(), flushedA);
        assertEquals(1, cache.evictions());
        assertEquals(List.of(b("k1")), a.keysEldestFirst());
        assertEquals(4 * cost("k1", "v"), cache.sizeBytes());
    }

    @Test
    void anEvictionFlushTellsTheFlushedCacheAfterItsEntriesAreWrittenAndTheLockIsFree() {
        ThreadCache cache = new ThreadCache(3 * cost("k1", "v"));
        List<String> events = new ArrayList<>();
        NamedCache a = cache.register("a", batch -> events.add("write " + strings(batch)));
        NamedCache c = cache.register("c", batch -> events.add("write c " + strings(batch)));
        a.onEvictionFlush(() -> events.add("evicted a, lock held " + Thread.holdsLock(cache) + ", dirty " + a.dirtyEntries()));
        a.put(b("k1"), "v".getBytes(), true);
        a.put(b("k2"), "v".getBytes(), true);
        a.flush(); // asked for: the caller knows, the listener is not told
        assertEquals(List.of("write [k1=v, k2=v]"), events);
        events.clear();
        a.put(b("k3"), "v".getBytes(), true);
        c.put(b("k4"), "v".getBytes(), false); // k1 leaves clean: no write
        c.put(b("k5"), "v".getBytes(), false); // k2 leaves clean
        assertEquals(List.of(), events);
        c.put(b("k6"), "v".getBytes(), false); // a's dirty k3 is eldest: a is written, then told
        assertEquals(List.of("write [k3=v]", "evicted a, lock held false, dirty 0"), events);
        events.clear();
        for (int i = 7; i <= 10; i++) c.put(b("k" + i), "v".getBytes(), true); // c's own dirty entries go down
        assertEquals(List.of("write c [k7=v, k8=v, k9=v, k10=v]"), events, "c has no listener and a is not told");
    }

    @Test
    void aCleanPutKeepsAnEntryDirtyAndItsPlaceInTheFlushOrder() {
        ThreadCache cache = new ThreadCache(1 << 20);
        List<String> flushed = new ArrayList<>();
        NamedCache a = cache.register("a", batch -> flushed.addAll(strings(batch)));
        a.put(b("x"), "1".getBytes(), true);
        a.put(b("y"), "2".getBytes(), true);
        a.put(b("x"), "3".getBytes(), false); // a read-through of a dirty key: stays dirty, flush order unchanged
        a.put(b("z"), null, true); // a cached delete
        assertEquals(3, a.dirtyEntries());
        assertEquals(List.of("a:y*", "a:x*", "a:z*"), cache.describeEldestFirst());
        a.flush();
        assertEquals(List.of("x=3", "y=2", "z=null"), flushed);
        assertEquals(0, a.dirtyEntries());
        assertEquals(List.of("a:y", "a:x"), cache.describeEldestFirst(), "the flush drops the delete and is not use");
        assertEquals(cost("x", "3") + cost("y", "2"), cache.sizeBytes());
        a.close();
        assertEquals(0, cache.sizeBytes());
        assertEquals(List.of(), cache.describeEldestFirst());
    }
}
