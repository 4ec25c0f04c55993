package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record cache of one stream thread, after Kafka Streams' {@code ThreadCache}: one byte budget shared by every
 * caching store the thread runs, each store having its own {@link NamedCache} in it with its own least-recently-used
 * order. As in Kafka Streams, a write into a store that takes the thread over the budget evicts from that store's
 * cache only, eldest first, until the thread is within the budget or that store's cache is empty: a busy store never
 * pushes a quiet one's entries out. An evicted dirty entry first writes all of its store's dirty entries down (itself
 * first, then the others in the order of their writes, through the store's {@link DirtyEntryFlushListener}).
 *
 * <p>The budget is {@code statestore.cache.max.bytes}; Kafka's older name {@code cache.max.bytes.buffering} is
 * honoured when the new one is not set; default 10 MiB. The Streams runtime makes one per thread (and splits the
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
    /** A rough per-entry cost of the map node, the entry with its links and the key wrapper (kept as before). */
    public static final long ENTRY_OVERHEAD = 96;

    /** Receives a store's dirty entries, in write order, to write them into the store below its cache. */
    public interface DirtyEntryFlushListener {
        void apply(List<KeyValue<Bytes, byte[]>> dirtyEntries);
    }

    /**
     * A cached entry. The value is null for a delete not yet written to the store. It carries its own links in its
     * named cache's LRU order and dirty list, so a use or a write moves it with pointer work only: no allocation
     * beyond the store's one sorted-map lookup.
     */
    static final class Entry {
        final Bytes key;
        byte[] value;
        boolean dirty;
        /** Neighbours in the named cache's LRU order (older, younger). */
        Entry older, younger;
        /** Neighbours in the named cache's dirty list, in write order (null when clean). */
        Entry dirtyPrev, dirtyNext;

        Entry(Bytes key, byte[] value) {
            this.key = key;
            this.value = value;
        }

        long cost() {
            return ENTRY_OVERHEAD + key.get().length + (value == null ? 0 : value.length);
        }
    }

    private final long maxBytes;
    /** In registration order, which {@link #describeEldestFirst()} follows. */
    private final Map<String, NamedCache> caches = new LinkedHashMap<>();
    /** The sum of the named caches' bytes. */
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

    /** Entries evicted so far, clean or dirty. */
    public synchronized long evictions() {
        return evictions;
    }

    /** Evictions of a dirty entry so far, each of which wrote its named cache's dirty entries down. */
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
        bytes -= cache.bytes();
        cache.clearEntries();
    }

    synchronized Entry get(NamedCache cache, Bytes key) {
        Entry e = cache.entry(key);
        if (e != null) cache.touch(e); // a hit counts as use, as in Kafka Streams
        return e;
    }

    /**
     * Caches a write or a read, then evicts from {@code cache} as {@link #evict} does; returns whether an eviction
     * wrote that cache's dirty entries down, so that its eviction listener runs after the lock is released.
     */
    synchronized boolean put(NamedCache cache, Bytes key, byte[] value, boolean dirty) {
        long before = cache.bytes();
        Entry e = cache.entry(key);
        if (e == null) {
            e = new Entry(key, value);
            cache.add(e);
        } else {
            cache.replace(e, value); // (re)used: youngest
        }
        if (dirty) cache.markDirty(e);
        bytes += cache.bytes() - before;
        return evict(cache);
    }

    /**
     * While the thread is over its budget, evicts {@code cache}'s eldest entry; stops when the cache is empty, even if
     * other caches keep the thread over the budget (Kafka Streams' rule), and right after evicting a dirty entry,
     * which wrote the cache's dirty entries down: returns true then, and the caller tells the cache's eviction
     * listener and calls again, as Kafka Streams checks the budget again after the flush's updates went downstream.
     */
    synchronized boolean evict(NamedCache cache) {
        while (bytes > maxBytes && !cache.isEmpty()) {
            Entry eldest = cache.eldest();
            if (eldest.dirty) {
                writeDown(cache, eldest);
                flushes++;
                return true;
            }
            drop(cache, eldest);
        }
        return false;
    }

    private void drop(NamedCache cache, Entry e) {
        long before = cache.bytes();
        cache.remove(e);
        bytes += cache.bytes() - before;
        evictions++;
    }

    /** Writes a named cache's dirty entries through its listener; they stay cached clean, deletes leave. */
    synchronized void flush(NamedCache cache) {
        writeDown(cache, null);
    }

    /**
     * Writes the dirty entries down, {@code evicted} (if not null) first, as Kafka Streams' evicting flush lists the
     * evicted entry first and the rest in write order; then {@code evicted} and the deletes leave the cache. If the
     * store refuses the batch, nothing changes: the entries stay cached and dirty.
     */
    private void writeDown(NamedCache cache, Entry evicted) {
        List<Entry> dirty = cache.dirtyInWriteOrder();
        if (dirty.isEmpty()) return;
        List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(dirty.size());
        if (evicted != null) batch.add(KeyValue.pair(evicted.key, evicted.value));
        for (Entry e : dirty) if (e != evicted) batch.add(KeyValue.pair(e.key, e.value));
        cache.listener().apply(batch);
        cache.clearDirty(); // in place: the LRU order is not use
        long before = cache.bytes();
        if (evicted != null) {
            cache.remove(evicted);
            evictions++;
        }
        for (Entry e : dirty) if (e != evicted && e.value == null) cache.remove(e);
        bytes += cache.bytes() - before;
    }

    /** Every cached key with its cache name: cache by cache in registration order, each least recently used first. */
    public synchronized List<String> describeEldestFirst() {
        List<String> out = new ArrayList<>();
        for (NamedCache cache : caches.values()) {
            for (Entry e : cache.eldestFirst()) {
                out.add(cache.name() + ":" + new String(e.key.get(), java.nio.charset.StandardCharsets.UTF_8) + (e.dirty ? "*" : ""));
            }
        }
        return out;
    }
}
