package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A heap store holding at most {@code maxCacheSize} entries, evicting the least recently used (get, put and
 * putIfAbsent count as use; scans do not). Kafka Streams' {@code Stores.lruMap}. Scans sort a copy of the keys,
 * so they cost O(n log n): this store is meant to be small.
 */
public class MemoryLRUCache implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private final int maxCacheSize;
    private final LinkedHashMap<Bytes, byte[]> map;
    private BiConsumer<Bytes, byte[]> evictionListener = (k, v) -> { };
    private volatile boolean open;

    public MemoryLRUCache(String name, int maxCacheSize) {
        if (maxCacheSize < 0) throw new IllegalArgumentException("maxCacheSize cannot be negative: " + maxCacheSize);
        this.name = name;
        this.maxCacheSize = maxCacheSize;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, byte[]> eldest) {
                if (size() > MemoryLRUCache.this.maxCacheSize) {
                    evictionListener.accept(eldest.getKey(), eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /**
     * Called with each evicted entry. Changelogging registers here to write a tombstone for it, so a restored
     * store holds what this one held, not every key ever written.
     */
    public synchronized void setWhenEldestRemoved(BiConsumer<Bytes, byte[]> listener) {
        this.evictionListener = listener;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        if (open) throw new IllegalStateException("store " + name + " is already open");
        open = true;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private void checkOpen() {
        if (!open) throw new InvalidStateStoreException("store " + name + " is closed");
    }

    @Override
    public synchronized byte[] get(Bytes key) {
        checkOpen();
        return map.get(BytesRanges.requireKey(key));
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        checkOpen();
        BytesRanges.requireKey(key);
        if (value == null) map.remove(key);
        else map.put(key, value);
    }

    @Override
    public synchronized byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] old = get(key);
        if (old == null) put(key, value);
        return old;
    }

    @Override
    public synchronized void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        checkOpen();
        for (KeyValue<Bytes, byte[]> e : entries) BytesRanges.requireKey(e.key);
        for (KeyValue<Bytes, byte[]> e : entries) put(e.key, e.value);
    }

    @Override
    public synchronized byte[] delete(Bytes key) {
        checkOpen();
        return map.remove(BytesRanges.requireKey(key));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return scan(from, to, null, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return scan(from, to, null, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return scan(null, null, null, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return scan(null, null, null, false);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        byte[] p = prefixKeySerializer.serialize(null, prefix);
        return scan(Bytes.wrap(p), null, p, true);
    }

    private synchronized KeyValueIterator<Bytes, byte[]> scan(Bytes from, Bytes to, byte[] prefix, boolean forward) {
        checkOpen();
        List<KeyValue<Bytes, byte[]>> selected = new ArrayList<>();
        if (!BytesRanges.inverted(from, to)) {
            Bytes prefixEnd = prefix == null ? null : BytesRanges.prefixEnd(prefix);
            boolean prefixScan = prefix != null;
            // entrySet iteration does not count as access, so a scan leaves the eviction order alone
            for (Map.Entry<Bytes, byte[]> e : map.entrySet()) {
                Bytes k = e.getKey();
                if (from != null && k.compareTo(from) < 0) continue;
                if (to != null && k.compareTo(to) > 0) continue;
                if (prefixScan && prefixEnd != null && k.compareTo(prefixEnd) >= 0) continue;
                selected.add(KeyValue.pair(k, e.getValue()));
            }
            selected.sort((a, b) -> a.key.compareTo(b.key));
            if (!forward) Collections.reverse(selected);
        }
        return new SnapshotIterator(name, selected, this::isOpen, () -> { });
    }

    @Override
    public synchronized long approximateNumEntries() {
        checkOpen();
        return map.size();
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public synchronized void close() {
        map.clear();
        open = false;
    }
}
