package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;

/** Reads a materialized table straight from its timestamped key-value store (source tables, global tables). */
public final class KTableSourceValueGetterSupplier<K, V> implements KTableValueGetterSupplier<K, V> {
    private final String storeName;

    public KTableSourceValueGetterSupplier(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public KTableValueGetter<K, V> get() {
        return new KTableValueGetter<>() {
            private TimestampedKeyValueStore<K, V> store;

            @Override
            public void init(ProcessorContext<?, ?> context) {
                store = context.getStateStore(storeName);
            }

            @Override
            public ValueAndTimestamp<V> get(K key) {
                return store.get(key);
            }
        };
    }

    @Override
    public String[] storeNames() {
        return new String[] {storeName};
    }
}
