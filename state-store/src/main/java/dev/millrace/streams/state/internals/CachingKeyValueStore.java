package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
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
 * stream thread), or one of its own, sized by {@code statestore.cache.max.bytes}, with any other context. A write that
 * takes the thread over the budget evicts from this store's entries only (Kafka Streams' rule); an eviction that meets
 * a dirty entry writes all of this store's dirty entries as one batch, the evicted one first and the others in write
 * order, and then tells the named cache's eviction listener ({@link NamedCache#onEvictionFlush}): the DSL forwards a
 * table's coalesced updates downstream then, and at the task's commit.
 */
public class CachingKeyValueStore extends CachingStore<KeyValueStore<Bytes, byte[]>> implements KeyValueStore<Bytes, byte[]> {
    public static final String CACHE_MAX_BYTES_CONFIG = ThreadCache.CACHE_MAX_BYTES_CONFIG;
    public static final long DEFAULT_CACHE_MAX_BYTES = ThreadCache.DEFAULT_CACHE_MAX_BYTES;
    static final long ENTRY_OVERHEAD = ThreadCache.ENTRY_OVERHEAD;

    public CachingKeyValueStore(KeyValueStore<Bytes, byte[]> inner) {
        super(inner);
    }

    /** The dirty entries go down as one batch. */
    @Override
    protected void writeDown(List<KeyValue<Bytes, byte[]>> dirty) {
        inner.putAll(dirty);
    }

    /** Writes the dirty entries into the store as one batch and keeps them cached clean (cached deletes are dropped). */
    synchronized void flushDirty() {
        namedCache().flush();
    }

    @Override
    public synchronized byte[] get(Bytes key) {
        checkOpen();
        BytesRanges.requireKey(key);
        ThreadCache.Entry e = namedCache().get(key);
        if (e != null) return e.value;
        byte[] value = inner.get(key);
        if (value != null) namedCache().put(key, value, false);
        return value;
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        checkOpen();
        namedCache().put(BytesRanges.requireKey(key), value, true);
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
        List<KeyValue<Bytes, byte[]>> cached = BytesRanges.inverted(from, to) ? new ArrayList<>() : namedCache().snapshot(from, to, forward);
        return new MergedSortedCacheIterator(name(), cached, stored, forward, this::isOpen);
    }

    @Override
    public synchronized <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        checkOpen();
        byte[] p = prefixKeySerializer.serialize(null, prefix);
        List<KeyValue<Bytes, byte[]>> cached = namedCache().prefixSnapshot(Bytes.wrap(p), BytesRanges.prefixEnd(p));
        return new MergedSortedCacheIterator(name(), cached, inner.prefixScan(p, (topic, data) -> data), true, this::isOpen);
    }

    /** The store's own estimate; unflushed cached writes are not counted, as in Kafka Streams. */
    @Override
    public synchronized long approximateNumEntries() {
        checkOpen();
        return inner.approximateNumEntries();
    }

    /** Keys cached now, in LRU order (eldest first); for tests. */
    synchronized List<Bytes> cachedKeysEldestFirst() {
        return namedCache().keysEldestFirst();
    }
}
