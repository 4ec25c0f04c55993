package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;

/**
 * A grouped table's count, reduce or aggregate ({@code KTABLE-AGGREGATE-<n>} / {@code KTABLE-REDUCE-<n>}): each change
 * first subtracts its old value from the key's aggregate (when both exist), then adds its new value (to the
 * initializer's value when there is no aggregate; a reduce's initial value is null, its first value the aggregate).
 * The result carries the largest timestamp of the record and the aggregate it updated. A null aggregate deletes.
 */
final class KTableAggregate<K, V, VAgg> implements KTableProcessorSupplier<K, V, K, VAgg> {
    private final String storeName;
    private final boolean cachingEnabled;
    private final String operator;
    private final Initializer<VAgg> initializer;
    private final Aggregator<? super K, ? super V, VAgg> adder;
    private final Aggregator<? super K, ? super V, VAgg> subtractor;
    private boolean sendOldValues;

    /** @param operator "aggregate" or "reduce", for the null-key error message */
    KTableAggregate(String storeName, boolean cachingEnabled, String operator, Initializer<VAgg> initializer,
                    Aggregator<? super K, ? super V, VAgg> adder, Aggregator<? super K, ? super V, VAgg> subtractor) {
        this.storeName = storeName;
        this.cachingEnabled = cachingEnabled;
        this.operator = operator;
        this.initializer = initializer;
        this.adder = adder;
        this.subtractor = subtractor;
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        sendOldValues = true;
        return true;
    }

    @Override
    public KTableValueGetterSupplier<K, VAgg> view() {
        return new KTableSourceValueGetterSupplier<>(storeName);
    }

    @Override
    public Processor<K, Change<V>, K, Change<VAgg>> get() {
        return new ContextualProcessor<>() {
            private TimestampedKeyValueStore<K, VAgg> store;
            private TimestampedTupleForwarder<K, VAgg> forwarder;

            @Override
            public void init(ProcessorContext<K, Change<VAgg>> context) {
                super.init(context);
                store = context.getStateStore(storeName);
                forwarder = new TimestampedTupleForwarder<>(store, context, cachingEnabled, sendOldValues);
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                if (record.key() == null) {
                    throw new StreamsException("Record key for KTable " + operator + " operator with state " + storeName
                            + " should not be null.");
                }
                ValueAndTimestamp<VAgg> old = store.get(record.key());
                VAgg oldAgg = ValueAndTimestamp.getValueOrNull(old);
                long timestamp = old == null ? record.timestamp() : Math.max(record.timestamp(), old.timestamp());
                VAgg agg = oldAgg;
                boolean subtracted = record.value().oldValue != null && oldAgg != null;
                if (subtracted) agg = subtractor.apply(record.key(), record.value().oldValue, oldAgg);
                if (record.value().newValue != null) {
                    agg = adder.apply(record.key(), record.value().newValue, agg == null ? initializer.apply() : agg);
                } else if (!subtracted) {
                    timestamp = record.timestamp(); // neither subtracted nor added: the aggregate is only rewritten
                }
                store.put(record.key(), ValueAndTimestamp.make(agg, timestamp));
                forwarder.maybeForward(record.withValue(new Change<>(agg, sendOldValues ? oldAgg : null)).withTimestamp(timestamp), oldAgg);
            }
        };
    }
}
