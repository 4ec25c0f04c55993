package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Reducer;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;

/** Combines each record's value into its key's value; the first value of a key is kept as it is. */
final class KStreamReduce<K, V> implements KStreamAggProcessorSupplier<K, V, K, V> {
    private final String storeName;
    private final boolean cachingEnabled;
    private final Reducer<V> reducer;
    private boolean sendOldValues;

    KStreamReduce(String storeName, boolean cachingEnabled, Reducer<V> reducer) {
        this.storeName = storeName;
        this.cachingEnabled = cachingEnabled;
        this.reducer = reducer;
    }

    @Override
    public void enableSendingOldValues() {
        sendOldValues = true;
    }

    @Override
    public KTableValueGetterSupplier<K, V> view() {
        return new KTableSourceValueGetterSupplier<>(storeName);
    }

    @Override
    public Processor<K, V, K, Change<V>> get() {
        return new ContextualProcessor<>() {
            private TimestampedKeyValueStore<K, V> store;
            private TimestampedTupleForwarder<K, V> forwarder;

            @Override
            public void init(ProcessorContext<K, Change<V>> context) {
                super.init(context);
                store = context.getStateStore(storeName);
                forwarder = new TimestampedTupleForwarder<>(store, context, cachingEnabled, sendOldValues);
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null || record.value() == null) return;
                ValueAndTimestamp<V> old = store.get(record.key());
                V oldAgg = ValueAndTimestamp.getValueOrNull(old);
                V newAgg;
                long timestamp;
                if (oldAgg == null) {
                    newAgg = record.value();
                    timestamp = record.timestamp();
                } else {
                    newAgg = reducer.apply(oldAgg, record.value());
                    timestamp = Math.max(record.timestamp(), old.timestamp());
                }
                store.put(record.key(), ValueAndTimestamp.make(newAgg, timestamp));
                forwarder.maybeForward(record.withValue(new Change<>(newAgg, sendOldValues ? oldAgg : null))
                        .withTimestamp(timestamp), oldAgg);
            }
        };
    }
}
