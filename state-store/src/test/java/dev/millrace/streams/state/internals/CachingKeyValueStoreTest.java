package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.Stores;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CachingKeyValueStoreTest {
    @TempDir
    Path dir;

    /** An in-memory store that records every write reaching it. */
    static final class Recording extends InMemoryKeyValueStore {
        final List<String> writes = new ArrayList<>();

        Recording() {
            super("recorded");
        }

        @Override
        public synchronized void put(Bytes key, byte[] value) {
            writes.add(str(key) + "=" + (value == null ? "null" : new String(value, StandardCharsets.UTF_8)));
            super.put(key, value);
        }
    }

    private static Bytes b(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] v(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String str(Bytes b) {
        return new String(b.get(), StandardCharsets.UTF_8);
    }

    private CachingKeyValueStore open(Recording inner, long budget) {
        CachingKeyValueStore cache = new CachingKeyValueStore(inner);
        cache.init(new SimpleStateStoreContext("app", new TaskId(0, 0), dir.toFile(),
                Map.of(CachingKeyValueStore.CACHE_MAX_BYTES_CONFIG, String.valueOf(budget))), cache);
        return cache;
    }

    @Test
    void writesToOneKeyCoalesceUntilFlush() {
        Recording inner = new Recording();
        CachingKeyValueStore cache = open(inner, 1 << 20);
        for (int i = 0; i < 100; i++) cache.put(b("k"), v("v" + i));
        cache.put(b("gone"), v("x"));
        cache.delete(b("gone"));
        assertArrayEquals(v("v99"), cache.get(b("k")));
        assertNull(cache.get(b("gone")));
        assertEquals(List.of(), inner.writes, "nothing reaches the store before a flush");
        assertEquals(2, cache.dirtyEntries());
        cache.flush();
        assertEquals(List.of("k=v99", "gone=null"), inner.writes, "one write per key, in the order of the last writes");
        assertEquals(0, cache.dirtyEntries());
        cache.flush();
        assertEquals(2, inner.writes.size(), "a second flush has nothing to write");
        cache.close();
    }

    @Test
    void theByteBudgetEvictsLeastRecentlyUsedAndWritesDirtyEntriesFirst() {
        Recording inner = new Recording();
        long perEntry = CachingKeyValueStore.ENTRY_OVERHEAD + 2; // one-byte keys and values
        CachingKeyValueStore cache = open(inner, 3 * perEntry);
        cache.put(b("a"), v("1"));
        cache.put(b("b"), v("2"));
        cache.put(b("c"), v("3"));
        assertEquals(3 * perEntry, cache.cachedBytes());
        cache.get(b("a")); // a becomes the most recent
        // over budget: b is eldest and dirty, so every dirty entry (d too) is written, b first as Kafka Streams writes
        // the evicted entry first and the others in write order; then b goes
        cache.put(b("d"), v("4"));
        assertEquals(List.of("b=2", "a=1", "c=3", "d=4"), inner.writes);
        assertEquals(List.of(b("c"), b("a"), b("d")), cache.cachedKeysEldestFirst());
        assertTrue(cache.cachedBytes() <= 3 * perEntry);
        assertArrayEquals(v("2"), cache.get(b("b")), "an evicted entry is read back from the store");
        cache.put(b("e"), v("5"));
        cache.close();
        assertEquals(List.of("b=2", "a=1", "c=3", "d=4", "e=5"), inner.writes, "close writes what is still dirty");
    }

    @Test
    void aZeroBudgetWritesThrough() {
        Recording inner = new Recording();
        CachingKeyValueStore cache = open(inner, 0);
        cache.put(b("a"), v("1"));
        cache.put(b("a"), v("2"));
        assertEquals(List.of("a=1", "a=2"), inner.writes);
        assertEquals(0, cache.cachedBytes());
        cache.close();
    }

    @Test
    void scansMergeCachedWritesAndDeletesOverTheStore() {
        Recording inner = new Recording();
        CachingKeyValueStore cache = open(inner, 1 << 20);
        cache.putAll(List.of(KeyValue.pair(b("a"), v("1")), KeyValue.pair(b("b"), v("2")), KeyValue.pair(b("c"), v("3"))));
        cache.flush();
        cache.put(b("b"), v("B"));   // newer in the cache
        cache.delete(b("c"));        // deleted in the cache only
        cache.put(b("d"), v("4"));   // only in the cache
        assertEquals(List.of("a=1", "b=B", "d=4"), drain(cache.all()));
        assertEquals(List.of("d=4", "b=B", "a=1"), drain(cache.reverseAll()));
        assertEquals(List.of("b=B"), drain(cache.range(b("b"), b("c"))));
        assertEquals(List.of("d=4", "b=B"), drain(cache.reverseRange(b("b"), b("d"))));
        assertEquals(3, inner.approximateNumEntries(), "the store still holds a, b and c");
    }

    @Test
    void theBuilderPutsTheCacheUnderTheSerdeLayer() {
        KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("built"), Serdes.String(), Serdes.String()).withCachingEnabled().build();
        MeteredKeyValueStore<?, ?> metered = assertInstanceOf(MeteredKeyValueStore.class, store);
        assertInstanceOf(CachingKeyValueStore.class, metered.wrapped());
    }

    private static List<String> drain(KeyValueIterator<Bytes, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(str(kv.key) + "=" + new String(kv.value, StandardCharsets.UTF_8)));
        }
        return out;
    }
}
