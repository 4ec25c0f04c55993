package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.Record;

import java.util.List;

/**
 * The table end of a cogroup: passes on the changes of the aggregations writing one store, and carries a request for
 * old values to all of them (they are materialized, so they always can).
 */
final class KTablePassThrough<K, V> implements KTableProcessorSupplier<K, V, K, V> {
    private final List<KStreamAggProcessorSupplier<?, ?, ?, ?>> parents;
    private final String storeName;

    KTablePassThrough(List<KStreamAggProcessorSupplier<?, ?, ?, ?>> parents, String storeName) {
        this.parents = List.copyOf(parents);
        this.storeName = storeName;
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        for (KStreamAggProcessorSupplier<?, ?, ?, ?> parent : parents) parent.enableSendingOldValues();
        return true;
    }

    /** Reads the table from the aggregations' store (a key-value cogroup's; windowed ones are not looked up by key). */
    @Override
    public KTableValueGetterSupplier<K, V> view() {
        return new KTableSourceValueGetterSupplier<>(storeName);
    }

    @Override
    public Processor<K, Change<V>, K, Change<V>> get() {
        return new ContextualProcessor<>() {
            @Override
            public void process(Record<K, Change<V>> record) {
                context().forward(record);
            }
        };
    }
}
