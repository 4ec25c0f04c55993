package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.StoreBuilder;
import dev.millrace.streams.state.VersionedBytesStore;
import dev.millrace.streams.state.VersionedBytesStoreSupplier;
import dev.millrace.streams.state.VersionedKeyValueStore;
import org.apache.kafka.common.serialization.Serde;

import java.util.Objects;

/**
 * Builds the serde layer, the changelog layer if enabled, then the supplier's versioned bytes store. Versioned stores
 * have no record cache, as in Kafka Streams: {@link #withCachingEnabled()} throws.
 */
public class VersionedKeyValueStoreBuilder<K, V> extends AbstractStoreBuilder<VersionedKeyValueStore<K, V>> {
    private final VersionedBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    public VersionedKeyValueStoreBuilder(VersionedBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(Objects.requireNonNull(supplier, "supplier cannot be null").name());
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    public StoreBuilder<VersionedKeyValueStore<K, V>> withCachingEnabled() {
        throw new IllegalStateException("Versioned stores do not support caching");
    }

    public long historyRetention() {
        return supplier.historyRetentionMs();
    }

    @Override
    public VersionedKeyValueStore<K, V> build() {
        VersionedBytesStore store = supplier.get();
        if (loggingEnabled) store = new ChangeLoggingVersionedKeyValueBytesStore(store, logConfig(), supplier.historyRetentionMs());
        return new MeteredVersionedKeyValueStore<>(store, keySerde, valueSerde);
    }
}
