package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.GlobalKTable;

/** A global table: its store's name and how a join reads it. */
final class GlobalKTableImpl<K, V> implements GlobalKTable<K, V> {
    private final KTableValueGetterSupplier<K, V> valueGetterSupplier;
    private final String queryableStoreName;

    GlobalKTableImpl(KTableValueGetterSupplier<K, V> valueGetterSupplier, String queryableStoreName) {
        this.valueGetterSupplier = valueGetterSupplier;
        this.queryableStoreName = queryableStoreName;
    }

    KTableValueGetterSupplier<K, V> valueGetterSupplier() {
        return valueGetterSupplier;
    }

    @Override
    public String queryableStoreName() {
        return queryableStoreName;
    }
}
