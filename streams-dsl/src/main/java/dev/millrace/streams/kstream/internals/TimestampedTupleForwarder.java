package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.processor.RecordContext;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.internals.ProcessorContextImpl;
import dev.millrace.streams.state.internals.CachedStores;
import dev.millrace.streams.state.internals.NamedCache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forwards a table processor's updates as Kafka Streams does. Without caching, every update goes downstream at once.
 * With caching, an update goes downstream when the store's record cache writes it down: at the task's commit, or
 * earlier when the cache's byte budget ({@code statestore.cache.max.bytes}) makes it evict the store's dirty
 * entries. Updates of a key coalesce in between: each key is forwarded once, in the order of its latest update, with
 * its latest record and (if old values are wanted) the value it had when last forwarded, under the record context
 * (topic, partition, offset) of the input record that made it; a key that was neither there before nor is now is not
 * forwarded, and a delete carries the timestamp of the record that made it. A cache budget of 0 bytes turns caching
 * off, as it does in Kafka Streams.
 *
 * <p>The updates waiting here are the store cache's dirty entries (the forwarder keeps the typed record and its
 * context beside each, which the byte cache does not hold), so their number is bounded by the cache's budget.
 */
final class TimestampedTupleForwarder<K, V> {
    private static final String DEPRECATED_CACHE_MAX_BYTES = "cache.max.bytes.buffering";

    private final ProcessorContext<K, Change<V>> context;
    private final ProcessorContextImpl internalContext;
    private final boolean sendOldValues;
    private final boolean caching;
    private final boolean deleteTimestampFromOrigin;
    /** The store's part of the record cache; null without caching (or if the store has no caching layer). */
    private final NamedCache storeCache;
    /** Access-ordered, so a repeat update moves its key last with one lookup: flush order follows the latest update. */
    private final Map<K, Pending<K, V>> dirty = new LinkedHashMap<>(16, 0.75f, true);
    /** The thread processing the task; an eviction an interactive query causes elsewhere forwards nothing. */
    private volatile Thread processingThread;
    /** Whether the cache wrote the store's entries down since the last commit; until then updates wait as before. */
    private boolean evictedSinceCommit;

    private static final class Pending<K, V> {
        final V committedValue;
        Record<K, Change<V>> latest;
        RecordContext origin;

        Pending(V committedValue) {
            this.committedValue = committedValue;
        }
    }

    TimestampedTupleForwarder(StateStore store, ProcessorContext<K, Change<V>> context, boolean cachingEnabled,
                              boolean sendOldValues) {
        this(store, context, cachingEnabled, sendOldValues, true);
    }

    /**
     * @param store                     the store the processor writes each update to before handing it here
     * @param deleteTimestampFromOrigin whether a cached delete goes out with the deleting record's timestamp (tables
     *                                  and time windows) or keeps its own (sessions: their end, as Kafka Streams)
     */
    TimestampedTupleForwarder(StateStore store, ProcessorContext<K, Change<V>> context, boolean cachingEnabled,
                              boolean sendOldValues, boolean deleteTimestampFromOrigin) {
        this.deleteTimestampFromOrigin = deleteTimestampFromOrigin;
        this.context = context;
        this.sendOldValues = sendOldValues;
        this.caching = cachingEnabled && cacheBudget(context) != 0;
        this.internalContext = (ProcessorContextImpl) (Object) context;
        this.storeCache = caching ? CachedStores.namedCacheOf(store) : null;
        if (caching) internalContext.registerCommitListener(this::commit);
        if (storeCache != null) {
            Runnable asNode = internalContext.asCurrentNode(this::evicted);
            storeCache.onEvictionFlush(() -> {
                if (Thread.currentThread() == processingThread) asNode.run();
            });
        }
    }

    private static long cacheBudget(ProcessorContext<?, ?> context) {
        Object v = context.appConfigs().get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
        if (v == null) v = context.appConfigs().get(DEPRECATED_CACHE_MAX_BYTES);
        return v == null ? 10L * 1024 * 1024 : Long.parseLong(v.toString().trim());
    }

    /**
     * @param record the update, its value the change with the processor's own old value
     * @param storedBefore the key's value in the store just before this update was written
     */
    void maybeForward(Record<K, Change<V>> record, V storedBefore) {
        if (!caching) {
            context.forward(sendOldValues ? record : record.withValue(new Change<>(record.value().newValue, null)));
            return;
        }
        processingThread = Thread.currentThread();
        if (evictedSinceCommit && storeCache.dirtyEntries() == 0) {
            // the eviction came during this update's own write, so the store already holds it: forward it now, last
            // of the entries that eviction wrote down, as Kafka Streams does
            Pending<K, V> p = dirty.remove(record.key());
            forward(p == null ? storedBefore : p.committedValue, record, internalContext.currentRecordContext());
            return;
        }
        Pending<K, V> p = dirty.get(record.key()); // a hit moves the key last
        if (p == null) {
            p = new Pending<>(storedBefore);
            dirty.put(record.key(), p);
        }
        p.latest = record;
        p.origin = internalContext.currentRecordContext();
    }

    /** How many updates wait for the cache to write them down; for tests. */
    int pendingUpdates() {
        return dirty.size();
    }

    private void commit() {
        evictedSinceCommit = false;
        forwardPending();
    }

    /** The store's cache wrote its dirty entries down to make room: they go downstream now. */
    private void evicted() {
        evictedSinceCommit = true;
        forwardPending();
    }

    private void forwardPending() {
        if (dirty.isEmpty()) return;
        // copied and cleared first: forwarding may write other caches, whose evictions may come back here
        List<Pending<K, V>> batch = new ArrayList<>(dirty.values());
        dirty.clear();
        for (Pending<K, V> p : batch) forward(p.committedValue, p.latest, p.origin);
    }

    private void forward(V committedValue, Record<K, Change<V>> latest, RecordContext origin) {
        V newValue = latest.value().newValue;
        if (newValue == null && committedValue == null) return;
        Record<K, Change<V>> out = latest.withValue(new Change<>(newValue, sendOldValues ? committedValue : null));
        // a delete has no value to carry a timestamp: Kafka Streams' cache gives it the deleting record's
        if (newValue == null && deleteTimestampFromOrigin && origin != null) out = out.withTimestamp(origin.timestamp());
        internalContext.forwardFrom(origin, out);
    }
}
