package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;

/**
 * The node a table-table join's result comes out of ({@code KTABLE-MERGE-<n>}): both join sides forward into it. With
 * a Materialized it keeps the result in a store (and forwards through the table cache); otherwise it passes changes
 * on, dropping old values unless downstream asked for them.
 */
final class KTableKTableJoinMerger<K, V> implements KTableProcessorSupplier<K, V, K, V> {
    private final KTableProcessorSupplier<K, ?, K, V> parent1;
    private final KTableProcessorSupplier<K, ?, K, V> parent2;
    private final String queryableName;
    private final boolean cachingEnabled;
    private boolean sendOldValues;

    KTableKTableJoinMerger(KTableProcessorSupplier<K, ?, K, V> parent1, KTableProcessorSupplier<K, ?, K, V> parent2,
                           String queryableName, boolean cachingEnabled) {
        this.parent1 = parent1;
        this.parent2 = parent2;
        this.queryableName = queryableName;
        this.cachingEnabled = cachingEnabled;
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        parent1.enableSendingOldValues(true);
        parent2.enableSendingOldValues(true);
        sendOldValues = true;
        return true;
    }

    @Override
    public KTableValueGetterSupplier<K, V> view() {
        if (queryableName != null) return new KTableSourceValueGetterSupplier<>(queryableName);
        // either side's getter computes the same join from both tables
        KTableValueGetterSupplier<K, V> view1 = parent1.view();
        String[] stores = KTableKTableJoin.union(view1.storeNames(), parent2.view().storeNames());
        return new KTableValueGetterSupplier<>() {
            @Override
            public KTableValueGetter<K, V> get() {
                return view1.get();
            }

            @Override
            public String[] storeNames() {
                return stores;
            }
        };
    }

    @Override
    public Processor<K, Change<V>, K, Change<V>> get() {
        return new ContextualProcessor<>() {
            private TableChangeWriter<K, V> writer;

            @Override
            public void init(ProcessorContext<K, Change<V>> context) {
                super.init(context);
                writer = new TableChangeWriter<>(context, queryableName, cachingEnabled, sendOldValues);
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                writer.write(record, writer.stored(record.key()));
            }
        };
    }
}
