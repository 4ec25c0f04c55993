package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record cache of one stream thread, after Kafka Streams' {@code ThreadCache}: one byte budget shared by every
 * caching store the thread runs, each store having its own {@link NamedCache} in it. When the total goes over the
 * budget the least recently used entry across all stores goes first; if it is dirty, its store's dirty entries are
 * all written to that store (in the order of their writes, through the store's {@link DirtyEntryFlushListener}) and
 * the entry then leaves clean. So a busy store can push a quiet one's entries out, and the thread's cache never holds
 * more than the budget once a write returns.
 *
 * <p>The budget is {@code statestore.cache.max.bytes}; Kafka's older name {@code cache.max.bytes.buffering} is
 * honoured when the new one is not set; default 10 MiB. The Streams runtime will make one per thread (and split the
 * configured total among threads as Kafka Streams does); a standalone store context makes its own.
 *
 * <p>All methods are synchronized: a cache belongs to one thread, the lock only keeps tests and interactive reads
 * safe. The listener is called with the lock held, and must not call back into another thread's cache.
 */
public final class ThreadCache {
    public static final String CACHE_MAX_BYTES_CONFIG = "statestore.cache.max.bytes";
    /** Kafka Streams' deprecated name of the same budget, used only when the new one is not set. */
    public static final String CACHE_MAX_BYTES_BUFFERING_CONFIG = "cache.max.bytes.buffering";
    public static final long DEFAULT_CACHE_MAX_BYTES = 10L * 1024 * 1024;
    /** A rough per-entry cost of the map nodes, the entry and the key wrapper. */
    public static final long ENTRY_OVERHEAD = 96;

    /** Receives a store's dirty entries, in write order, to write them into the store below its cache. */
    public interface DirtyEntryFlushListener {
        void apply(List<KeyValue<Bytes, byte[]>> dirtyEntries);
    }

    /** A cached entry. The value is null for a delete not yet written to the store. */
    static final class Entry {
        final NamedCache owner;
        final Bytes key;
        byte[] value;
        boolean dirty;

        Entry(NamedCache owner, Bytes key, byte[] value, boolean dirty) {
            this.owner = owner;
            this.key = key;
            this.value = value;
            this.dirty = dirty;
        }

        long cost() {
            return ENTRY_OVERHEAD + key.get().length + (value == null ? 0 : value.length);
        }
    }

    private record LruKey(NamedCache cache, Bytes key) {
    }

    private final long maxBytes;
    private final Map<String, NamedCache> caches = new HashMap<>();
    /** Every entry of every named cache, least recently used first. */
    private final LinkedHashMap<LruKey, Entry> lru = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long evictions;
    private long flushes;

    public ThreadCache(long maxBytes) {
        if (maxBytes < 0) throw new IllegalArgumentException(CACHE_MAX_BYTES_CONFIG + " cannot be negative: " + maxBytes);
        this.maxBytes = maxBytes;
    }

    /** The budget the configs give: the new key, else the deprecated one, else the default. */
    public static long maxBytes(Map<String, ?> configs) {
        Object setting = configs.get(CACHE_MAX_BYTES_CONFIG);
        if (setting == null) setting = configs.get(CACHE_MAX_BYTES_BUFFERING_CONFIG);
        return setting == null ? DEFAULT_CACHE_MAX_BYTES : Long.parseLong(setting.toString().trim());
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Bytes held now, over all named caches. */
    public synchronized long sizeBytes() {
        return bytes;
    }

    /** Entries evicted so far (dirty ones counted once, when they leave). */
    public synchronized long evictions() {
        return evictions;
    }

    /** Named-cache flushes forced by evictions so far. */
    public synchronized long evictionFlushes() {
        return flushes;
    }

    /**
     * Gives a store its named cache; {@code name} must be unique among the thread's open stores (Kafka Streams uses
     * the task id and the store name).
     */
    public synchronized NamedCache register(String name, DirtyEntryFlushListener listener) {
        if (caches.containsKey(name)) throw new IllegalStateException("a cache named " + name + " is already open in this thread cache");
        NamedCache cache = new NamedCache(this, name, listener);
        caches.put(name, cache);
        return cache;
    }

    /** Drops a store's named cache and its entries (after the store wrote its dirty ones). */
    synchronized void unregister(NamedCache cache) {
        if (caches.get(cache.name()) != cache) return;
        caches.remove(cache.name());
        for (Entry e : cache.entries()) {
            lru.remove(new LruKey(cache, e.key));
            bytes -= e.cost();
        }
        cache.clearEntries();
    }

    synchronized Entry get(NamedCache cache, Bytes key) {
        return lru.get(new LruKey(cache, key)); // a hit counts as use
    }

    synchronized void put(NamedCache cache, Bytes key, byte[] value, boolean dirty) {
        Entry e = cache.entry(key);
        if (e == null) {
            e = new Entry(cache, key, value, dirty);
            cache.add(e);
            bytes += e.cost();
        } else {
            bytes -= e.cost();
            e.value = value;
            e.dirty = e.dirty || dirty;
            bytes += e.cost();
        }
        if (dirty) cache.markDirty(key);
        lru.put(new LruKey(cache, key), e); // (re)used: youngest
        evict();
    }

    private void evict() {
        while (bytes > maxBytes && !lru.isEmpty()) {
            Iterator<Map.Entry<LruKey, Entry>> it = lru.entrySet().iterator();
            Entry eldest = it.next().getValue();
            if (eldest.dirty) {
                // all of its store's dirty entries go down, so the store sees its writes in order; then look again,
                // as the flush dropped the cached deletes
                flushes++;
                flush(eldest.owner);
                continue;
            }
            it.remove();
            eldest.owner.remove(eldest.key);
            bytes -= eldest.cost();
            evictions++;
        }
    }

    /** Writes a named cache's dirty entries through its listener; they stay cached clean, deletes leave. */
    synchronized void flush(NamedCache cache) {
        List<Entry> dirty = cache.dirtyInWriteOrder();
        if (dirty.isEmpty()) return;
        List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(dirty.size());
        for (Entry e : dirty) batch.add(KeyValue.pair(e.key, e.value));
        cache.listener().apply(batch); // if the store refuses, the entries stay dirty
        cache.clearDirty();
        for (Entry e : dirty) {
            e.dirty = false; // in place: touching the LRU map would count as use
            if (e.value == null) {
                lru.remove(new LruKey(cache, e.key));
                cache.remove(e.key);
                bytes -= e.cost();
            }
        }
    }

    /** A named cache's keys, least recently used first; for tests. */
    synchronized List<Bytes> keysEldestFirst(NamedCache cache) {
        List<Bytes> out = new ArrayList<>();
        for (LruKey k : lru.keySet()) if (k.cache() == cache) out.add(k.key());
        return out;
    }

    /** Every cached key with its cache name, least recently used first; for tests. */
    public synchronized List<String> describeEldestFirst() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<LruKey, Entry> e : lru.entrySet()) {
            out.add(e.getKey().cache().name() + ":" + new String(e.getKey().key().get(), java.nio.charset.StandardCharsets.UTF_8)
                    + (e.getValue().dirty ? "*" : ""));
        }
        return out;
    }
}
