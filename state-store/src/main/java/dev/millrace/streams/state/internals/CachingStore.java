package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import org.apache.kafka.common.utils.Bytes;

import java.util.List;

/**
 * What the key-value, window and session caching layers share: this store's {@link NamedCache} in the context's
 * {@link ThreadCache}, registered once the store below is open, whose dirty entries come back through
 * {@link #writeDown} (on flush, on close, or when the thread cache evicts one of them); flush pushes the cache down
 * before the store below flushes, and close writes the cache down, leaves the thread cache, then closes the store.
 *
 * @param <S> the bytes store below
 */
abstract class CachingStore<S extends StateStore> extends WrappedStateStore<S> {
    private NamedCache cache;

    CachingStore(S inner) {
        super(inner);
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        ThreadCache threadCache = ThreadCacheProvider.cacheOf(context);
        inner.init(context, root);
        innerOpened();
        try {
            // Kafka Streams' naming: unique per task and store within a thread
            cache = threadCache.register(context.taskId() + "-" + name(), this::writeDown);
        } catch (RuntimeException e) {
            inner.close();
            throw e;
        }
    }

    /** Called once the store below is open and before the cache registers: what a layer learns from that store. */
    protected void innerOpened() {
    }

    /** The thread cache's flush listener: this store's dirty entries, in write order, to write to the store below. */
    protected abstract void writeDown(List<KeyValue<Bytes, byte[]>> dirty);

    /** This store's part of the thread cache; null before init and after close. */
    public NamedCache namedCache() {
        return cache;
    }

    protected void checkOpen() {
        if (!inner.isOpen()) throw new InvalidStateStoreException("store " + name() + " is closed");
    }

    /** Bytes this store's entries take of the thread cache now. */
    public synchronized long cachedBytes() {
        return cache == null ? 0 : cache.sizeBytes();
    }

    /** Cached writes not yet written down; tests check coalescing. */
    public synchronized int dirtyEntries() {
        return cache == null ? 0 : cache.dirtyEntries();
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
}
