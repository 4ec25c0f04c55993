package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;

/**
 * Where a table processor's changes go, so the processor keeps only its own logic (filtering, mapping, merging).
 * Materialized, a change's new value is written to the table's store with the record's timestamp and the change goes
 * through a {@link TimestampedTupleForwarder} (at once, or when the store's cache writes it down); otherwise it goes
 * straight downstream, without its old value unless old values are wanted.
 */
final class TableChangeWriter<K, V> {
    private final ProcessorContext<K, Change<V>> context;
    private final boolean sendOldValues;
    /** The table's store and its forwarder; both null when the table is not materialized. */
    private final TimestampedKeyValueStore<K, V> store;
    private final TimestampedTupleForwarder<K, V> forwarder;

    /**
     * Opens the store and its forwarder; call it from the processor's {@code init}.
     *
     * @param storeName the table's store, or null when the table is not materialized
     */
    TableChangeWriter(ProcessorContext<K, Change<V>> context, String storeName, boolean cachingEnabled,
                      boolean sendOldValues) {
        this.context = context;
        this.sendOldValues = sendOldValues;
        this.store = storeName == null ? null : context.getStateStore(storeName);
        this.forwarder = storeName == null ? null
                : new TimestampedTupleForwarder<>(store, context, cachingEnabled, sendOldValues);
    }

    boolean materialized() {
        return store != null;
    }

    /** The key's value in the store, read before its change is written; null when the table is not materialized. */
    V stored(K key) {
        return store == null ? null : ValueAndTimestamp.getValueOrNull(store.get(key));
    }

    /**
     * @param change       the change as the processor made it, old value included
     * @param storedBefore what {@link #stored} gave for the key before this change (the forwarder's committed value)
     */
    void write(Record<K, Change<V>> change, V storedBefore) {
        if (store == null) {
            boolean asIs = sendOldValues || change.value().oldValue == null; // no need to rebuild a change without one
            context.forward(asIs ? change : change.withValue(new Change<>(change.value().newValue, null)));
            return;
        }
        store.put(change.key(), ValueAndTimestamp.make(change.value().newValue, change.timestamp()));
        forwarder.maybeForward(change, storedBefore);
    }
}
