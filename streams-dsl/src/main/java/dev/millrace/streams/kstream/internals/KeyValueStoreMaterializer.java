package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.state.KeyValueBytesStoreSupplier;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.StoreBuilder;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * The store of a DSL table: timestamped key-value, RocksDB unless the user gave a supplier, with the caching and
 * logging flags of its {@code Materialized}.
 */
final class KeyValueStoreMaterializer {
    private KeyValueStoreMaterializer() {
    }

    static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> builder(MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>> m) {
        KeyValueBytesStoreSupplier supplier = m.storeSupplier();
        if (supplier == null) supplier = Stores.persistentTimestampedKeyValueStore(m.storeName());
        StoreBuilder<TimestampedKeyValueStore<K, V>> builder =
                Stores.timestampedKeyValueStoreBuilder(supplier, m.keySerde(), m.valueSerde());
        if (m.loggingEnabled()) builder.withLoggingEnabled(m.logConfig());
        else builder.withLoggingDisabled();
        if (m.cachingEnabled()) builder.withCachingEnabled();
        return builder;
    }
}
