package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.processor.RecordContext;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.internals.ProcessorContextImpl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forwards a table processor's updates as Kafka Streams does. Without caching, every update goes downstream at once.
 * With caching, updates of a key coalesce until the task commits: then each dirty key is forwarded once, in the
 * order of its latest update, with its latest record and (if old values are wanted) the value it had at the
 * previous commit, under the record context (topic, partition, offset) of the input record that made it; a key that
 * was neither there before nor is now is not forwarded, and a delete carries the timestamp of the record that made it. A cache budget of 0 bytes
 * ({@code statestore.cache.max.bytes=0}) turns caching off, as it does in Kafka Streams.
 */
final class TimestampedTupleForwarder<K, V> {
    private static final String DEPRECATED_CACHE_MAX_BYTES = "cache.max.bytes.buffering";

    private final ProcessorContext<K, Change<V>> context;
    private final ProcessorContextImpl internalContext;
    private final boolean sendOldValues;
    private final boolean caching;
    private final boolean deleteTimestampFromOrigin;
    /** Access-ordered, so a repeat update moves its key last with one lookup: flush order follows the latest update. */
    private final Map<K, Pending<K, V>> dirty = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Pending<K, V> {
        final V committedValue;
        Record<K, Change<V>> latest;
        RecordContext origin;

        Pending(V committedValue) {
            this.committedValue = committedValue;
        }
    }

    TimestampedTupleForwarder(ProcessorContext<K, Change<V>> context, boolean cachingEnabled, boolean sendOldValues) {
        this(context, cachingEnabled, sendOldValues, true);
    }

    /**
     * @param deleteTimestampFromOrigin whether a cached delete goes out with the deleting record's timestamp (tables
     *                                  and time windows) or keeps its own (sessions: their end, as Kafka Streams)
     */
    TimestampedTupleForwarder(ProcessorContext<K, Change<V>> context, boolean cachingEnabled, boolean sendOldValues,
                              boolean deleteTimestampFromOrigin) {
        this.deleteTimestampFromOrigin = deleteTimestampFromOrigin;
        this.context = context;
        this.sendOldValues = sendOldValues;
        this.caching = cachingEnabled && cacheBudget(context) != 0;
        this.internalContext = (ProcessorContextImpl) (Object) context;
        if (caching) internalContext.registerCommitListener(this::flush);
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
        Pending<K, V> p = dirty.get(record.key()); // a hit moves the key last
        if (p == null) {
            p = new Pending<>(storedBefore);
            dirty.put(record.key(), p);
        }
        p.latest = record;
        p.origin = internalContext.currentRecordContext();
    }

    private void flush() {
        if (dirty.isEmpty()) return;
        List<Pending<K, V>> batch = new ArrayList<>(dirty.values());
        dirty.clear();
        for (Pending<K, V> p : batch) {
            V newValue = p.latest.value().newValue;
            if (newValue == null && p.committedValue == null) continue;
            Record<K, Change<V>> out = p.latest.withValue(new Change<>(newValue, sendOldValues ? p.committedValue : null));
            // a delete has no value to carry a timestamp: Kafka Streams' cache gives it the deleting record's
            if (newValue == null && deleteTimestampFromOrigin && p.origin != null) out = out.withTimestamp(p.origin.timestamp());
            internalContext.forwardFrom(p.origin, out);
        }
    }
}
