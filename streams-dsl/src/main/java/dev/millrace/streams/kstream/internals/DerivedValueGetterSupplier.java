package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.state.ValueAndTimestamp;

import java.util.function.BiFunction;

/**
 * The getter of a table without a store of its own (a filter or mapValues not materialized): it reads the parent's
 * row and computes this table's from it, so it reads the parent's stores.
 */
final class DerivedValueGetterSupplier<K, V, VR> implements KTableValueGetterSupplier<K, VR> {
    private final KTableValueGetterSupplier<K, V> parent;
    private final BiFunction<K, ValueAndTimestamp<V>, ValueAndTimestamp<VR>> compute;

    /** @param compute this table's row from the parent's (never called with a null row) */
    DerivedValueGetterSupplier(KTableValueGetterSupplier<K, V> parent, BiFunction<K, ValueAndTimestamp<V>, ValueAndTimestamp<VR>> compute) {
        this.parent = parent;
        this.compute = compute;
    }

    @Override
    public KTableValueGetter<K, VR> get() {
        KTableValueGetter<K, V> parentGetter = parent.get();
        return new KTableValueGetter<>() {
            @Override
            public void init(ProcessorContext<?, ?> context) {
                parentGetter.init(context);
            }

            @Override
            public ValueAndTimestamp<VR> get(K key) {
                ValueAndTimestamp<V> row = parentGetter.get(key);
                return row == null ? null : compute.apply(key, row);
            }

            @Override
            public void close() {
                parentGetter.close();
            }
        };
    }

    @Override
    public String[] storeNames() {
        return parent.storeNames();
    }
}
