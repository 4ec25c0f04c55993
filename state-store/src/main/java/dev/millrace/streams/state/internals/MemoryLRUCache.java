package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;

/**
 * A heap store holding at most {@code maxCacheSize} entries, evicting the least recently used (get, put and
 * putIfAbsent count as use; scans do not). Kafka Streams' {@code Stores.lruMap}. Scans sort a copy of the keys,
 * so they cost O(n log n): this store is meant to be small.
 */
public class MemoryLRUCache extends AbstractHeapKeyValueStore<MemoryLRUCache.EvictingMap> {

    /** A map in access order that drops its least recently used entry beyond its capacity. */
    static final class EvictingMap extends LinkedHashMap<Bytes, byte[]> {
        private static final long serialVersionUID = 1L;
        private final int capacity;
        private transient BiConsumer<Bytes, byte[]> evictionListener = (k, v) -> { };

        EvictingMap(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes, byte[]> eldest) {
            if (size() > capacity) {
                evictionListener.accept(eldest.getKey(), eldest.getValue());
                return true;
            }
            return false;
        }
    }

    public MemoryLRUCache(String name, int maxCacheSize) {
        super(name, new EvictingMap(requireNonNegative(maxCacheSize)));
    }

    private static int requireNonNegative(int maxCacheSize) {
        if (maxCacheSize < 0) throw new IllegalArgumentException("maxCacheSize cannot be negative: " + maxCacheSize);
        return maxCacheSize;
    }

    /**
     * Called with each evicted entry. Changelogging registers here to write a tombstone for it, so a restored
     * store holds what this one held, not every key ever written.
     */
    public synchronized void setWhenEldestRemoved(BiConsumer<Bytes, byte[]> listener) {
        map.evictionListener = listener;
    }

    /** Scans filter and sort a copy of the keys (O(n log n): this store is meant to be small). */
    @Override
    List<KeyValue<Bytes, byte[]>> select(Bytes from, Bytes to, byte[] prefix, boolean forward) {
        Bytes prefixEnd = prefix == null ? null : BytesRanges.prefixEnd(prefix);
        List<KeyValue<Bytes, byte[]>> selected = new ArrayList<>();
        // entrySet iteration does not count as access, so a scan leaves the eviction order alone
        for (Map.Entry<Bytes, byte[]> e : map.entrySet()) {
            Bytes k = e.getKey();
            if (from != null && k.compareTo(from) < 0) continue;
            if (to != null && k.compareTo(to) > 0) continue;
            if (prefixEnd != null && k.compareTo(prefixEnd) >= 0) continue;
            selected.add(KeyValue.pair(k, e.getValue()));
        }
        selected.sort(forward ? (a, b) -> a.key.compareTo(b.key) : (a, b) -> b.key.compareTo(a.key));
        return selected;
    }
}
