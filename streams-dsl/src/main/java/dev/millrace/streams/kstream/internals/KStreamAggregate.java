package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;

/**
 * Folds each record into its key's aggregate (count is an aggregate too). Records with a null key or value are
 * skipped. The aggregate's timestamp is the largest of its records', and that is the timestamp forwarded.
 */
final class KStreamAggregate<K, V, VAgg> implements KStreamAggProcessorSupplier<K, V, K, VAgg> {
    private final String storeName;
    private final boolean cachingEnabled;
    private final Initializer<VAgg> initializer;
    private final Aggregator<? super K, ? super V, VAgg> aggregator;
    private final SharedStoreState sharedState;
    private boolean sendOldValues;

    KStreamAggregate(String storeName, boolean cachingEnabled, Initializer<VAgg> initializer,
                     Aggregator<? super K, ? super V, VAgg> aggregator) {
        this(storeName, cachingEnabled, initializer, aggregator, null);
    }

    /** @param sharedState what the processors writing the store (a cogroup's) share per task, or null */
    KStreamAggregate(String storeName, boolean cachingEnabled, Initializer<VAgg> initializer,
                     Aggregator<? super K, ? super V, VAgg> aggregator, SharedStoreState sharedState) {
        this.sharedState = sharedState;
        this.storeName = storeName;
        this.cachingEnabled = cachingEnabled;
        this.initializer = initializer;
        this.aggregator = aggregator;
    }

    @Override
    public void enableSendingOldValues() {
        sendOldValues = true;
    }

    @Override
    public KTableValueGetterSupplier<K, VAgg> view() {
        return new KTableSourceValueGetterSupplier<>(storeName);
    }

    @Override
    public Processor<K, V, K, Change<VAgg>> get() {
        return new ContextualProcessor<>() {
            private TimestampedKeyValueStore<K, VAgg> store;
            private TimestampedTupleForwarder<K, VAgg> forwarder;

            @Override
            public void init(ProcessorContext<K, Change<VAgg>> context) {
                super.init(context);
                store = context.getStateStore(storeName);
                forwarder = SharedStoreState.forwarder(sharedState, context,
                        () -> new TimestampedTupleForwarder<>(store, context, cachingEnabled, sendOldValues));
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null || record.value() == null) return;
                ValueAndTimestamp<VAgg> old = store.get(record.key());
                VAgg oldAgg = ValueAndTimestamp.getValueOrNull(old);
                VAgg base = oldAgg == null ? initializer.apply() : oldAgg;
                long timestamp = old == null ? record.timestamp() : Math.max(record.timestamp(), old.timestamp());
                VAgg newAgg = aggregator.apply(record.key(), record.value(), base);
                store.put(record.key(), ValueAndTimestamp.make(newAgg, timestamp));
                // the old value sent is the aggregate folded into, so the initializer's for a new key (as Kafka Streams)
                forwarder.maybeForward(record.withValue(new Change<>(newAgg, sendOldValues ? base : null))
                        .withTimestamp(timestamp), oldAgg);
            }
        };
    }
}
