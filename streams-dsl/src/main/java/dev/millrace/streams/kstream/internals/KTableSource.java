package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.StoreBuilder;
import dev.millrace.streams.processor.internals.ProcessorContextImpl;

/**
 * Turns a stream of upserts into table changes ({@code builder.table}, {@code toTable}). Records with a null key are
 * dropped. Materialized (a queryable name, or on demand), it keeps the latest value per key and can send old values; otherwise
 * every record passes straight through as a change with no old value.
 */
final class KTableSource<K, V> implements ProcessorSupplier<K, V, K, Change<V>> {
    private final String storeName;
    private final boolean cachingEnabled;
    private final StoreBuilder<?> storeBuilder;
    private String queryableName;
    private boolean sendOldValues;

    /** @param storeBuilder the store it uses when materialized, from the start or later on demand */
    KTableSource(String storeName, String queryableName, boolean cachingEnabled, StoreBuilder<?> storeBuilder) {
        this.storeName = storeName;
        this.queryableName = queryableName;
        this.cachingEnabled = cachingEnabled;
        this.storeBuilder = storeBuilder;
    }

    boolean materialized() {
        return queryableName != null;
    }

    StoreBuilder<?> storeBuilder() {
        return storeBuilder;
    }

    String storeName() {
        return storeName;
    }

    /** Keeps a store from now on (a downstream join or lookup needs one); the caller adds the store to the topology. */
    void materialize() {
        queryableName = storeName;
    }

    void enableSendingOldValues() {
        sendOldValues = true;
        materialize();
    }

    @Override
    public Processor<K, V, K, Change<V>> get() {
        return new ContextualProcessor<>() {
            private TableChangeWriter<K, V> writer;

            @Override
            public void init(ProcessorContext<K, Change<V>> context) {
                super.init(context);
                writer = new TableChangeWriter<>(context, queryableName, cachingEnabled, sendOldValues);
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null) {
                    ((ProcessorContextImpl) (Object) context()).recordDroppedRecord(); // counted, as Kafka does
                    return;
                }
                V oldValue = writer.stored(record.key());
                writer.write(record.withValue(new Change<>(record.value(), oldValue)), oldValue);
            }
        };
    }
}
