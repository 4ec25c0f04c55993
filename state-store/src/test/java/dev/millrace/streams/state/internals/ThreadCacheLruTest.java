package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The named caches' own LRU and dirty lists and the eviction rule, driven through named caches directly (no store around them). */
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
    void eachNamedCacheKeepsItsOwnLruOrderAndAWriteEvictsOnlyFromItsOwnCache() {
        ThreadCache cache = new ThreadCache(4 * cost("k1", "v"));
        NamedCache a = cache.register("a", batch -> { });
        NamedCache c = cache.register("c", batch -> { });
        a.put(b("k1"), "v".getBytes(), false);
        c.put(b("k2"), "v".getBytes(), false);
        a.put(b("k3"), "v".getBytes(), false);
        c.put(b("k4"), "v".getBytes(), false);
        a.get(b("k1")); // use: youngest of a
        c.put(b("k2"), "w".getBytes(), false); // rewrite: youngest of c
        assertEquals(List.of("a:k3", "a:k1", "c:k4", "c:k2"), cache.describeEldestFirst());
        a.get(b("missing")); // a miss changes nothing
        // over budget: a's k3 is the thread's least recently used entry, but c is being written, so c's eldest leaves
        c.put(b("k5"), "v".getBytes(), false);
        assertEquals(List.of("a:k3", "a:k1", "c:k2", "c:k5"), cache.describeEldestFirst());
        assertEquals(1, cache.evictions());
        assertEquals(List.of(b("k3"), b("k1")), a.keysEldestFirst());
        assertEquals(4 * cost("k1", "v"), cache.sizeBytes());
        assertEquals(2 * cost("k1", "v"), a.sizeBytes());
    }

    @Test
    void aWriteThatCannotFitEmptiesItsOwnCacheAndLeavesTheOthersAlone() {
        ThreadCache cache = new ThreadCache(3 * cost("k1", "v"));
        List<String> flushedA = new ArrayList<>();
        List<String> flushedC = new ArrayList<>();
        NamedCache a = cache.register("a", batch -> flushedA.addAll(strings(batch)));
        NamedCache c = cache.register("c", batch -> flushedC.addAll(strings(batch)));
        a.put(b("k1"), "v".getBytes(), true);
        a.put(b("k2"), "v".getBytes(), true);
        c.put(b("k3"), "v".getBytes(), false);
        String big = "x".repeat((int) (3 * cost("k1", "v")));
        c.put(b("k4"), big.getBytes(), true); // more than the budget: c gives up k3 and then k4 itself, never a's entries
        assertEquals(List.of("k4=" + big), flushedC);
        assertEquals(List.of(), flushedA, "a's dirty entries wait for a's own writes or a flush");
        assertEquals(List.of("a:k1*", "a:k2*"), cache.describeEldestFirst());
        assertEquals(0, c.sizeBytes());
        assertEquals(2, cache.evictions());
        assertEquals(1, cache.evictionFlushes());
        assertEquals(2 * cost("k1", "v"), cache.sizeBytes());
    }

    @Test
    void anEvictedDirtyEntryIsWrittenFirstThenTheOtherDirtyEntriesInWriteOrder() {
        ThreadCache cache = new ThreadCache(3 * cost("k1", "v"));
        List<String> flushed = new ArrayList<>();
        NamedCache a = cache.register("a", batch -> flushed.addAll(strings(batch)));
        a.put(b("k1"), "1".getBytes(), true);
        a.put(b("k2"), "2".getBytes(), true);
        a.put(b("k3"), null, true); // a cached delete
        a.get(b("k1")); // a read: k2 is now the eldest, k1 still the first write
        a.put(b("k4"), "4".getBytes(), true);
        assertEquals(List.of("k2=2", "k1=1", "k3=null", "k4=4"), flushed, "Kafka Streams lists the evicted entry first");
        assertEquals(List.of("a:k1", "a:k4"), cache.describeEldestFirst(), "the evicted entry and the delete leave");
        assertEquals(1, cache.evictions());
        assertEquals(cost("k1", "1") + cost("k4", "4"), cache.sizeBytes());
    }

    @Test
    void anEvictionFlushTellsItsOwnCacheAfterItsEntriesAreWrittenAndTheLockIsFree() {
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
        for (int i = 4; i <= 8; i++) c.put(b("k" + i), "v".getBytes(), true); // c's writes evict c's entries only
        assertEquals(List.of("write c [k4=v]", "write c [k5=v]", "write c [k6=v]", "write c [k7=v]", "write c [k8=v]"), events,
                "a is neither written nor told");
        events.clear();
        a.put(b("k9"), "v".getBytes(), true); // a's eldest k1 leaves clean: nothing written
        a.put(b("kA"), "v".getBytes(), true); // a's eldest k2 leaves clean
        assertEquals(List.of(), events);
        a.put(b("kB"), "v".getBytes(), true); // a's eldest is the dirty k3: a is written, then told
        assertEquals(List.of("write [k3=v, k9=v, kA=v, kB=v]", "evicted a, lock held false, dirty 0"), events);
    }

    @Test
    void aCacheStopsEvictingWhenEmptyAndTheWritersCacheEvictsAgainAfterItsListenerRan() {
        long budget = 4 * cost("k1", "v");
        ThreadCache cache = new ThreadCache(budget);
        NamedCache a = cache.register("a", batch -> { });
        NamedCache c = cache.register("c", batch -> { });
        List<Long> seen = new ArrayList<>();
        // a's eviction forwards downstream, where a processor writes c
        a.onEvictionFlush(() -> {
            seen.add(cache.sizeBytes());
            c.put(b("c0"), "vv".getBytes(), false);
            seen.add(cache.sizeBytes());
        });
        a.put(b("k1"), "v".getBytes(), true);
        a.put(b("k2"), "v".getBytes(), false);
        a.put(b("k3"), "v".getBytes(), false);
        String big = "x".repeat(199);
        a.put(b("k4"), big.getBytes(), true); // evicts a's dirty k1, which writes a down and tells the listener
        long over = cost("k2", "v") + cost("k3", "v") + cost("k4", big);
        assertTrue(over > budget);
        // c's write evicted c's own entry and stopped there, the thread still over budget; then a went on with k2
        assertEquals(List.of(over, over), seen);
        assertEquals(List.of("a:k3", "a:k4"), cache.describeEldestFirst());
        assertEquals(3, cache.evictions());
        assertEquals(1, cache.evictionFlushes());
        assertEquals(cost("k3", "v") + cost("k4", big), cache.sizeBytes());
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
