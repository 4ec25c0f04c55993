package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.KeyValueBytesStoreSupplier;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/** Builds the serde layer, the record cache if enabled, the changelog layer if enabled, then the supplier's bytes store. */
public class KeyValueStoreBuilder<K, V> extends AbstractStoreBuilder<KeyValueStore<K, V>> {
    private final KeyValueBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    public KeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(Objects.requireNonNull(supplier, "supplier cannot be null").name());
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    public KeyValueStore<K, V> build() {
        KeyValueStore<Bytes, byte[]> store = supplier.get();
        if (loggingEnabled) store = new ChangeLoggingKeyValueBytesStore(store, logConfig());
        if (cachingEnabled) store = new CachingKeyValueStore(store);
        return new MeteredKeyValueStore<>(store, supplier.metricsScope(), keySerde, valueSerde);
    }
}
