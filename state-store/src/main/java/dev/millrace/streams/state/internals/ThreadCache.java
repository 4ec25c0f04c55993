package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayList;
import java.util.HashMap;
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
    /** A rough per-entry cost of the map node, the entry with its links and the key wrapper (kept as before). */
    public static final long ENTRY_OVERHEAD = 96;

    /** Receives a store's dirty entries, in write order, to write them into the store below its cache. */
    public interface DirtyEntryFlushListener {
        void apply(List<KeyValue<Bytes, byte[]>> dirtyEntries);
    }

    /**
     * A cached entry. The value is null for a delete not yet written to the store. It carries its own links in the
     * thread's LRU list and in its store's dirty list, so a use or a write moves it with pointer work only: no map
     * lookup and no allocation beyond the store's one sorted-map lookup.
     */
    static final class Entry {
        final NamedCache owner;
        final Bytes key;
        byte[] value;
        boolean dirty;
        /** Neighbours in the thread's LRU list (older, younger). */
        Entry older, younger;
        /** Neighbours in the owner's dirty list, in write order (null when clean). */
        Entry dirtyPrev, dirtyNext;

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

    private final long maxBytes;
    private final Map<String, NamedCache> caches = new HashMap<>();
    /** Every entry of every named cache in one list: {@code eldest} is the least recently used. */
    private Entry eldest;
    private Entry youngest;
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
            unlink(e);
            bytes -= e.cost();
        }
        cache.clearEntries();
    }

    synchronized Entry get(NamedCache cache, Bytes key) {
        Entry e = cache.entry(key);
        if (e != null) makeYoungest(e); // a hit counts as use
        return e;
    }

    /**
     * Caches a write or a read; returns the named caches whose dirty entries this put's evictions wrote down (usually
     * none), so that their eviction listeners run after the lock is released.
     */
    synchronized List<NamedCache> put(NamedCache cache, Bytes key, byte[] value, boolean dirty) {
        Entry e = cache.entry(key);
        if (e == null) {
            e = new Entry(cache, key, value, false);
            cache.add(e);
            bytes += e.cost();
            link(e);
        } else {
            bytes -= e.cost();
            e.value = value;
            bytes += e.cost();
            makeYoungest(e); // (re)used: youngest
        }
        if (dirty) cache.markDirty(e);
        return evict();
    }

    /** Appends an entry as the youngest. */
    private void link(Entry e) {
        e.older = youngest;
        e.younger = null;
        if (youngest == null) eldest = e;
        else youngest.younger = e;
        youngest = e;
    }

    private void unlink(Entry e) {
        if (e.older == null) eldest = e.younger;
        else e.older.younger = e.younger;
        if (e.younger == null) youngest = e.older;
        else e.younger.older = e.older;
        e.older = null;
        e.younger = null;
    }

    private void makeYoungest(Entry e) {
        if (e == youngest) return;
        unlink(e);
        link(e);
    }

    private List<NamedCache> evict() {
        List<NamedCache> flushed = List.of();
        while (bytes > maxBytes && eldest != null) {
            Entry e = eldest;
            if (e.dirty) {
                // all of its store's dirty entries go down, so the store sees its writes in order; then look again,
                // as the flush dropped the cached deletes
                flushes++;
                flush(e.owner);
                if (flushed.isEmpty()) flushed = new ArrayList<>(1);
                if (!flushed.contains(e.owner)) flushed.add(e.owner);
                continue;
            }
            unlink(e);
            e.owner.remove(e);
            bytes -= e.cost();
            evictions++;
        }
        return flushed;
    }

    /** Writes a named cache's dirty entries through its listener; they stay cached clean, deletes leave. */
    synchronized void flush(NamedCache cache) {
        List<Entry> dirty = cache.dirtyInWriteOrder();
        if (dirty.isEmpty()) return;
        List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(dirty.size());
        for (Entry e : dirty) batch.add(KeyValue.pair(e.key, e.value));
        cache.listener().apply(batch); // if the store refuses, the entries stay dirty
        cache.clearDirty(); // in place: the LRU order is not use
        for (Entry e : dirty) {
            if (e.value == null) {
                unlink(e);
                cache.remove(e);
                bytes -= e.cost();
            }
        }
    }

    /** A named cache's keys, least recently used first; for tests. */
    synchronized List<Bytes> keysEldestFirst(NamedCache cache) {
        List<Bytes> out = new ArrayList<>();
        for (Entry e = eldest; e != null; e = e.younger) if (e.owner == cache) out.add(e.key);
        return out;
    }

    /** Every cached key with its cache name, least recently used first; for tests. */
    public synchronized List<String> describeEldestFirst() {
        List<String> out = new ArrayList<>();
        for (Entry e = eldest; e != null; e = e.younger) {
            out.add(e.owner.name() + ":" + new String(e.key.get(), java.nio.charset.StandardCharsets.UTF_8) + (e.dirty ? "*" : ""));
        }
        return out;
    }
}
