package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.ValueMapperWithKey;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.ValueAndTimestamp;

/** A table of mapped rows; a deleted row stays deleted (the mapper never sees null). */
final class KTableMapValues<K, V, VR> implements KTableProcessorSupplier<K, V, K, VR> {
    private final KTableImpl<K, ?, V> parent;
    private final ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper;
    private final String queryableName;
    private final boolean cachingEnabled;
    private boolean sendOldValues;

    KTableMapValues(KTableImpl<K, ?, V> parent, ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
                    String queryableName, boolean cachingEnabled) {
        this.parent = parent;
        this.mapper = mapper;
        this.queryableName = queryableName;
        this.cachingEnabled = cachingEnabled;
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

    private VR mapped(K key, V value) {
        return value == null ? null : mapper.apply(key, value);
    }

    @Override
    public KTableValueGetterSupplier<K, VR> view() {
        if (queryableName != null) return new KTableSourceValueGetterSupplier<>(queryableName);
        // make() gives null for a null mapped value, so a row mapped to null reads as absent
        return new DerivedValueGetterSupplier<K, V, VR>(parent.valueGetterSupplier(),
                (key, row) -> ValueAndTimestamp.make(mapped(key, row.value()), row.timestamp()));
    }

    @Override
    public Processor<K, Change<V>, K, Change<VR>> get() {
        return new ContextualProcessor<>() {
            private TableChangeWriter<K, VR> writer;

            @Override
            public void init(ProcessorContext<K, Change<VR>> context) {
                super.init(context);
                writer = new TableChangeWriter<>(context, queryableName, cachingEnabled, sendOldValues);
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                K key = record.key();
                VR newValue = mapped(key, record.value().newValue);
                VR stored = writer.stored(key);
                VR oldValue = !sendOldValues ? null : writer.materialized() ? stored : mapped(key, record.value().oldValue);
                writer.write(record.withValue(new Change<>(newValue, oldValue)), stored);
            }
        };
    }
}
