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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A record cache in front of a bytes store: writes land here and reach the store only on {@link #flush()} (the
 * runtime's commit), on {@link #close()}, or when the byte budget forces an eviction, so repeated updates of a key
 * between commits cost the store one write. Reads of uncached keys are cached clean.
 *
 * <p>The budget is {@code statestore.cache.max.bytes} (Kafka Streams' key, default 10 MiB). Today each caching store
 * has its own budget; Kafka Streams shares one per stream thread across its stores, which the runtime will do by
 * handing the stores one cache. Forwarding flushed records downstream (the DSL's suppression of intermediate
 * updates) hooks into {@link #flushDirty()} with the runtime too.
 */
public class CachingKeyValueStore implements KeyValueStore<Bytes, byte[]> {
    public static final String CACHE_MAX_BYTES_CONFIG = "statestore.cache.max.bytes";
    public static final long DEFAULT_CACHE_MAX_BYTES = 10L * 1024 * 1024;
    /** A rough per-entry cost of the two map nodes, the entry and the Bytes wrapper. */
    static final long ENTRY_OVERHEAD = 96;

    private static final class Entry {
        final byte[] value; // null: a delete not yet written to the store
        boolean dirty;

        Entry(byte[] value, boolean dirty) {
            this.value = value;
            this.dirty = dirty;
        }
    }

    private final KeyValueStore<Bytes, byte[]> inner;
    private final TreeMap<Bytes, Entry> sorted = new TreeMap<>();
    private final LinkedHashMap<Bytes, Entry> lru = new LinkedHashMap<>(16, 0.75f, true);
    /** Dirty keys in the order of their latest write, so a flush writes them in that order. */
    private final LinkedHashSet<Bytes> dirty = new LinkedHashSet<>();
    private long maxBytes = DEFAULT_CACHE_MAX_BYTES;
    private long bytes;

    public CachingKeyValueStore(KeyValueStore<Bytes, byte[]> inner) {
        this.inner = inner;
    }

    public KeyValueStore<Bytes, byte[]> wrapped() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        Object setting = context.appConfigs().get(CACHE_MAX_BYTES_CONFIG);
        if (setting != null) maxBytes = Long.parseLong(setting.toString().trim());
        if (maxBytes < 0) throw new IllegalArgumentException(CACHE_MAX_BYTES_CONFIG + " cannot be negative: " + maxBytes);
        inner.init(context, root);
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    private void checkOpen() {
        if (!inner.isOpen()) throw new InvalidStateStoreException("store " + name() + " is closed");
    }

    private static long cost(Bytes key, byte[] value) {
        return ENTRY_OVERHEAD + key.get().length + (value == null ? 0 : value.length);
    }

    /** Bytes the cache accounts for now; tests check the budget with it. */
    public synchronized long cachedBytes() {
        return bytes;
    }

    public synchronized int dirtyEntries() {
        return dirty.size();
    }

    private void cache(Bytes key, byte[] value, boolean isDirty) {
        Entry old = sorted.put(key, new Entry(value, isDirty));
        if (old != null) bytes -= cost(key, old.value);
        lru.put(key, sorted.get(key));
        bytes += cost(key, value);
        if (isDirty) {
            dirty.remove(key); // re-append: the flush order follows the latest write
            dirty.add(key);
        }
        evict();
    }

    private void evict() {
        while (bytes > maxBytes && !lru.isEmpty()) {
            Map.Entry<Bytes, Entry> eldest = lru.entrySet().iterator().next();
            if (eldest.getValue().dirty) {
                // writing every dirty entry, not only the eldest, keeps the store's writes in the order they were
                // made; then look again, as the flush dropped the cached deletes
                flushDirty();
                continue;
            }
            Bytes key = eldest.getKey();
            Entry e = sorted.remove(key);
            lru.remove(key);
            bytes -= cost(key, e.value);
        }
    }

    /** Writes the dirty entries to the store as one batch and keeps them cached clean (cached deletes are dropped). */
    synchronized void flushDirty() {
        if (dirty.isEmpty()) return;
        List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(dirty.size());
        for (Bytes key : dirty) batch.add(KeyValue.pair(key, sorted.get(key).value));
        dirty.clear();
        inner.putAll(batch);
        for (KeyValue<Bytes, byte[]> kv : batch) {
            if (kv.value == null) {
                sorted.remove(kv.key);
                lru.remove(kv.key);
                bytes -= cost(kv.key, null);
            } else {
                sorted.get(kv.key).dirty = false; // in place: a map write would count as use and reorder the LRU list
            }
        }
    }

    @Override
    public synchronized byte[] get(Bytes key) {
        checkOpen();
        BytesRanges.requireKey(key);
        Entry e = lru.get(key);
        if (e != null) return e.value;
        byte[] value = inner.get(key);
        if (value != null) cache(key, value, false);
        return value;
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        checkOpen();
        cache(BytesRanges.requireKey(key), value, true);
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
        byte[] old = get(key);
        put(key, null);
        return old;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return scan(from, to, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return scan(from, to, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return scan(null, null, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return scan(null, null, false);
    }

    private synchronized KeyValueIterator<Bytes, byte[]> scan(Bytes from, Bytes to, boolean forward) {
        checkOpen();
        KeyValueIterator<Bytes, byte[]> stored = forward ? inner.range(from, to) : inner.reverseRange(from, to);
        if (BytesRanges.inverted(from, to)) return merged(new TreeMap<>(), stored, forward);
        NavigableMap<Bytes, Entry> sub = sorted;
        if (from != null) sub = sub.tailMap(from, true);
        if (to != null) sub = sub.headMap(to, true);
        return merged(sub, stored, forward);
    }

    @Override
    public synchronized <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        checkOpen();
        byte[] p = prefixKeySerializer.serialize(null, prefix);
        Bytes end = BytesRanges.prefixEnd(p);
        NavigableMap<Bytes, Entry> sub = end == null ? sorted.tailMap(Bytes.wrap(p), true) : sorted.subMap(Bytes.wrap(p), true, end, false);
        return merged(sub, inner.prefixScan(p, (topic, data) -> data), true);
    }

    private KeyValueIterator<Bytes, byte[]> merged(NavigableMap<Bytes, Entry> sub, KeyValueIterator<Bytes, byte[]> stored, boolean forward) {
        Map<Bytes, Entry> view = forward ? sub : sub.descendingMap();
        List<KeyValue<Bytes, byte[]>> snapshot = new ArrayList<>(view.size());
        for (Map.Entry<Bytes, Entry> e : view.entrySet()) snapshot.add(KeyValue.pair(e.getKey(), e.getValue().value));
        return new MergedSortedCacheIterator(name(), snapshot, stored, forward, this::isOpen);
    }

    /** The store's own estimate; unflushed cached writes are not counted, as in Kafka Streams. */
    @Override
    public synchronized long approximateNumEntries() {
        checkOpen();
        return inner.approximateNumEntries();
    }

    @Override
    public synchronized void flush() {
        checkOpen();
        flushDirty();
        inner.flush();
    }

    /** Writes the cached writes into the store, then closes it. */
    @Override
    public synchronized void close() {
        try {
            if (inner.isOpen()) flushDirty();
        } finally {
            sorted.clear();
            lru.clear();
            dirty.clear();
            bytes = 0;
            inner.close();
        }
    }

    /** Keys cached now, in LRU order (eldest first); for tests. */
    synchronized List<Bytes> cachedKeysEldestFirst() {
        List<Bytes> out = new ArrayList<>();
        for (Iterator<Bytes> it = lru.keySet().iterator(); it.hasNext(); ) out.add(it.next());
        return out;
    }
}
