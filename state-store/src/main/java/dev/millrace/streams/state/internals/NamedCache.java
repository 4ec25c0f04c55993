package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One store's part of a {@link ThreadCache}, after Kafka Streams' class of the same name: its entries in key order
 * (for scans), in least-recently-used order (for evictions, which take this store's eldest entries when its own
 * writes go over the thread's budget), and its dirty keys in the order of their latest write (for flushes), with the
 * bytes they take. The thread cache owns the budget and the eviction rule; every method here runs under its lock.
 */
public final class NamedCache {
    private final ThreadCache threadCache;
    private final String name;
    private final ThreadCache.DirtyEntryFlushListener listener;
    private final TreeMap<Bytes, ThreadCache.Entry> sorted = new TreeMap<>();
    private final LruOrder lru = new LruOrder();
    /** What the entries cost together, so neither the thread cache nor a store has to add them up. */
    private long bytes;
    /** Dirty entries linked through their dirty links, oldest write first. */
    private ThreadCache.Entry dirtyHead;
    private ThreadCache.Entry dirtyTail;
    private int dirtyCount;
    /** Told when an eviction wrote this store's dirty entries down (the DSL forwards them then); may be null. */
    private volatile Runnable evictionListener;

    NamedCache(ThreadCache threadCache, String name, ThreadCache.DirtyEntryFlushListener listener) {
        this.threadCache = threadCache;
        this.name = name;
        this.listener = listener;
    }

    public String name() {
        return name;
    }

    ThreadCache.DirtyEntryFlushListener listener() {
        return listener;
    }

    // ---- used by the thread cache, under its lock

    ThreadCache.Entry entry(Bytes key) {
        return sorted.get(key);
    }

    /** Adds a new entry as the youngest. */
    void add(ThreadCache.Entry e) {
        sorted.put(e.key, e);
        lru.append(e);
        bytes += e.cost();
    }

    /** A new value for a cached key: a use, so the entry becomes the youngest. */
    void replace(ThreadCache.Entry e, byte[] value) {
        bytes -= e.cost();
        e.value = value;
        bytes += e.cost();
        lru.touch(e);
    }

    void touch(ThreadCache.Entry e) {
        lru.touch(e);
    }

    void remove(ThreadCache.Entry e) {
        sorted.remove(e.key);
        lru.unlink(e);
        if (e.dirty) unlinkDirty(e);
        bytes -= e.cost();
    }

    ThreadCache.Entry eldest() {
        return lru.eldest();
    }

    boolean isEmpty() {
        return sorted.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    /** Marks an entry dirty, as the latest write: flush order follows the latest write. */
    void markDirty(ThreadCache.Entry e) {
        if (e.dirty) {
            if (e == dirtyTail) return;
            unlinkDirty(e);
        }
        e.dirty = true;
        e.dirtyPrev = dirtyTail;
        e.dirtyNext = null;
        if (dirtyTail == null) dirtyHead = e;
        else dirtyTail.dirtyNext = e;
        dirtyTail = e;
        dirtyCount++;
    }

    private void unlinkDirty(ThreadCache.Entry e) {
        if (e.dirtyPrev == null) dirtyHead = e.dirtyNext;
        else e.dirtyPrev.dirtyNext = e.dirtyNext;
        if (e.dirtyNext == null) dirtyTail = e.dirtyPrev;
        else e.dirtyNext.dirtyPrev = e.dirtyPrev;
        e.dirtyPrev = null;
        e.dirtyNext = null;
        e.dirty = false;
        dirtyCount--;
    }

    List<ThreadCache.Entry> dirtyInWriteOrder() {
        List<ThreadCache.Entry> out = new ArrayList<>(dirtyCount);
        for (ThreadCache.Entry e = dirtyHead; e != null; e = e.dirtyNext) out.add(e);
        return out;
    }

    /** Marks every dirty entry clean (after they were written down). */
    void clearDirty() {
        ThreadCache.Entry e = dirtyHead;
        while (e != null) {
            ThreadCache.Entry next = e.dirtyNext;
            e.dirty = false;
            e.dirtyPrev = null;
            e.dirtyNext = null;
            e = next;
        }
        dirtyHead = null;
        dirtyTail = null;
        dirtyCount = 0;
    }

    List<ThreadCache.Entry> eldestFirst() {
        return lru.eldestFirst();
    }

    void clearEntries() {
        sorted.clear();
        lru.clear();
        clearDirty();
        bytes = 0;
    }

    // ---- the store's API

    /** The cached entry of {@code key} (its value null for a cached delete), or null if not cached. Counts as use. */
    public ThreadCache.Entry get(Bytes key) {
        return threadCache.get(this, key);
    }

    /**
     * Caches a write (dirty) or a value read from the store (clean); if that takes the thread over its budget, evicts
     * this cache's eldest entries (never another store's). Each time an eviction writes the dirty entries down, the
     * eviction listener runs, on this thread, outside the thread cache's lock (it may forward downstream, and the
     * processors there write to other caches), and then the budget is checked again, as Kafka Streams does.
     */
    public void put(Bytes key, byte[] value, boolean isDirty) {
        boolean wroteDown = threadCache.put(this, key, value, isDirty);
        while (wroteDown) {
            Runnable listener = evictionListener;
            if (listener != null) listener.run();
            wroteDown = threadCache.evict(this);
        }
    }

    /**
     * Sets what runs after an eviction wrote this cache's dirty entries into its store (not after a flush asked for:
     * the caller knows about those). Kafka Streams forwards a cached table update downstream then; the DSL's
     * forwarder listens here. Replaces any earlier listener; null removes it.
     */
    public void onEvictionFlush(Runnable listener) {
        this.evictionListener = listener;
    }

    /** Writes the dirty entries to the store through the listener. */
    public void flush() {
        threadCache.flush(this);
    }

    /** Leaves the thread cache; call after {@link #flush()}. */
    public void close() {
        threadCache.unregister(this);
    }

    /** A copy of the cached entries in [from, to] (null bounds open), ascending or descending. */
    public List<KeyValue<Bytes, byte[]>> snapshot(Bytes from, Bytes to, boolean forward) {
        synchronized (threadCache) {
            NavigableMap<Bytes, ThreadCache.Entry> sub = sorted;
            if (from != null) sub = sub.tailMap(from, true);
            if (to != null) sub = sub.headMap(to, true);
            return copy(forward ? sub : sub.descendingMap());
        }
    }

    /** A copy of the cached entries whose key starts with {@code prefix} (end = the first key after the prefix, or null). */
    public List<KeyValue<Bytes, byte[]>> prefixSnapshot(Bytes prefix, Bytes end) {
        return rangeSnapshot(prefix, end);
    }

    /** A copy of the cached entries in [from, toExclusive) in ascending order; a null {@code toExclusive} is open. */
    public List<KeyValue<Bytes, byte[]>> rangeSnapshot(Bytes from, Bytes toExclusive) {
        synchronized (threadCache) {
            if (toExclusive != null && from.compareTo(toExclusive) >= 0) return new ArrayList<>();
            return copy(toExclusive == null ? sorted.tailMap(from, true) : sorted.subMap(from, true, toExclusive, false));
        }
    }

    /**
     * Up to {@code limit} cached entries of [from, toExclusive) (null bounds open) that come after {@code after} in the
     * scan's direction (null: from the start), ascending or descending; a batch never ends inside a group of keys
     * sharing their first {@code groupPrefixLength} bytes (0: no groups). Lets a scan read the cache a batch at a
     * time while writes go on between batches.
     */
    public List<KeyValue<Bytes, byte[]>> batch(Bytes from, Bytes toExclusive, Bytes after, boolean forward, int limit, int groupPrefixLength) {
        synchronized (threadCache) {
            List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
            if (from != null && toExclusive != null && from.compareTo(toExclusive) >= 0) return out;
            NavigableMap<Bytes, ThreadCache.Entry> sub = sorted;
            if (from != null) sub = sub.tailMap(from, true);
            if (toExclusive != null) sub = sub.headMap(toExclusive, false);
            if (after != null) sub = forward ? sub.tailMap(after, false) : sub.headMap(after, false);
            byte[] last = null;
            for (Map.Entry<Bytes, ThreadCache.Entry> e : (forward ? sub : sub.descendingMap()).entrySet()) {
                byte[] key = e.getKey().get();
                if (out.size() >= limit && (groupPrefixLength == 0 || !Arrays.equals(key, 0, groupPrefixLength, last, 0, groupPrefixLength))) break;
                out.add(KeyValue.pair(e.getKey(), e.getValue().value));
                last = key;
            }
            return out;
        }
    }

    private static List<KeyValue<Bytes, byte[]>> copy(Map<Bytes, ThreadCache.Entry> view) {
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>(view.size());
        for (Map.Entry<Bytes, ThreadCache.Entry> e : view.entrySet()) out.add(KeyValue.pair(e.getKey(), e.getValue().value));
        return out;
    }

    public int dirtyEntries() {
        synchronized (threadCache) {
            return dirtyCount;
        }
    }

    /** Bytes this store's entries take of the thread cache's budget. */
    public long sizeBytes() {
        synchronized (threadCache) {
            return bytes;
        }
    }

    /** The cached keys, least recently used first; for tests. */
    List<Bytes> keysEldestFirst() {
        synchronized (threadCache) {
            return lru.keysEldestFirst();
        }
    }
}
