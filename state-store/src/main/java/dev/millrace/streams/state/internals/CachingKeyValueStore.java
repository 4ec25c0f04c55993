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
import java.util.List;

/**
 * A record cache in front of a bytes store: writes land in the cache and reach the store only on {@link #flush()}
 * (the runtime's commit), on {@link #close()}, or when the cache's byte budget forces an eviction, so repeated
 * updates of a key between commits cost the store one write. Reads of uncached keys are cached clean.
 *
 * <p>The entries live in this store's {@link NamedCache} of a {@link ThreadCache}: the one its context provides
 * ({@link ThreadCacheProvider}; shared with the other caching stores of that context, as Kafka Streams shares one per
 * stream thread), or one of its own, sized by {@code statestore.cache.max.bytes}, with any other context. An eviction
 * that meets a dirty entry writes all of this store's dirty entries, in write order, as one batch, and then tells the
 * named cache's eviction listener ({@link NamedCache#onEvictionFlush}): the DSL forwards a table's coalesced updates
 * downstream then, and at the task's commit.
 */
public class CachingKeyValueStore implements KeyValueStore<Bytes, byte[]> {
    public static final String CACHE_MAX_BYTES_CONFIG = ThreadCache.CACHE_MAX_BYTES_CONFIG;
    public static final long DEFAULT_CACHE_MAX_BYTES = ThreadCache.DEFAULT_CACHE_MAX_BYTES;
    static final long ENTRY_OVERHEAD = ThreadCache.ENTRY_OVERHEAD;

    private final KeyValueStore<Bytes, byte[]> inner;
    private NamedCache cache;

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
        ThreadCache threadCache = ThreadCacheProvider.cacheOf(context);
        inner.init(context, root);
        try {
            // Kafka Streams' naming: unique per task and store within a thread
            cache = threadCache.register(context.taskId() + "-" + name(), inner::putAll);
        } catch (RuntimeException e) {
            inner.close();
            throw e;
        }
    }

    /** This store's part of the thread cache; null before init. */
    public NamedCache namedCache() {
        return cache;
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

    /** Bytes this store's entries take now. */
    public synchronized long cachedBytes() {
        return cache == null ? 0 : cache.sizeBytes();
    }

    public synchronized int dirtyEntries() {
        return cache == null ? 0 : cache.dirtyEntries();
    }

    /** Writes the dirty entries into the store as one batch and keeps them cached clean (cached deletes are dropped). */
    synchronized void flushDirty() {
        cache.flush();
    }

    @Override
    public synchronized byte[] get(Bytes key) {
        checkOpen();
        BytesRanges.requireKey(key);
        ThreadCache.Entry e = cache.get(key);
        if (e != null) return e.value;
        byte[] value = inner.get(key);
        if (value != null) cache.put(key, value, false);
        return value;
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        checkOpen();
        cache.put(BytesRanges.requireKey(key), value, true);
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
        List<KeyValue<Bytes, byte[]>> cached = BytesRanges.inverted(from, to) ? new ArrayList<>() : cache.snapshot(from, to, forward);
        return new MergedSortedCacheIterator(name(), cached, stored, forward, this::isOpen);
    }

    @Override
    public synchronized <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        checkOpen();
        byte[] p = prefixKeySerializer.serialize(null, prefix);
        List<KeyValue<Bytes, byte[]>> cached = cache.prefixSnapshot(Bytes.wrap(p), BytesRanges.prefixEnd(p));
        return new MergedSortedCacheIterator(name(), cached, inner.prefixScan(p, (topic, data) -> data), true, this::isOpen);
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
        cache.flush();
        inner.flush();
    }

    /** Writes the cached writes into the store, leaves the thread cache, then closes the store. */
    @Override
    public synchronized void close() {
        try {
            if (cache != null && inner.isOpen()) cache.flush();
        } finally {
            if (cache != null) cache.close();
            cache = null;
            inner.close();
        }
    }

    /** Keys cached now, in LRU order (eldest first); for tests. */
    synchronized List<Bytes> cachedKeysEldestFirst() {
        return cache.keysEldestFirst();
    }
}
