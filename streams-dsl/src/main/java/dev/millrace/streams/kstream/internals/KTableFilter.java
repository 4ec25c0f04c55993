package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Predicate;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;

/**
 * A table of the rows that pass the predicate: a row that fails becomes a delete (null). When old values are known
 * (a materialized parent, or this table materialized), an update whose old and new rows both fail is not forwarded.
 */
final class KTableFilter<K, V> implements KTableProcessorSupplier<K, V, K, V> {
    private final KTableImpl<K, ?, V> parent;
    private final Predicate<? super K, ? super V> predicate;
    private final boolean filterNot;
    private final String queryableName;
    private final boolean cachingEnabled;
    private boolean sendOldValues;

    KTableFilter(KTableImpl<K, ?, V> parent, Predicate<? super K, ? super V> predicate, boolean filterNot,
                 String queryableName, boolean cachingEnabled) {
        this.parent = parent;
        this.predicate = predicate;
        this.filterNot = filterNot;
        this.queryableName = queryableName;
        this.cachingEnabled = cachingEnabled;
        // a materialized parent knows old values for free; with them, needless deletes are not sent
        this.sendOldValues = parent.enableSendingOldValues(false);
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        if (queryableName != null) {
            sendOldValues = true;
            return true;
        }
        if (parent.enableSendingOldValues(forceMaterialization)) sendOldValues = true;
        return sendOldValues;
    }

    private V filtered(K key, V value) {
        return value != null && (filterNot ^ predicate.test(key, value)) ? value : null;
    }

    @Override
    public KTableValueGetterSupplier<K, V> view() {
        if (queryableName != null) return new KTableSourceValueGetterSupplier<>(queryableName);
        return new DerivedValueGetterSupplier<K, V, V>(parent.valueGetterSupplier(),
                (key, row) -> filtered(key, row.value()) != null ? row : null);
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
                K key = record.key();
                V newValue = filtered(key, record.value().newValue);
                V stored = writer.stored(key);
                V oldValue = !sendOldValues ? null : writer.materialized() ? stored : filtered(key, record.value().oldValue);
                if (sendOldValues && oldValue == null && newValue == null) return;
                writer.write(record.withValue(new Change<>(newValue, oldValue)), stored);
            }
        };
    }
}
