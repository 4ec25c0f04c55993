package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.KeyValueBytesStoreSupplier;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.StoreBuilder;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the serde layer, the record cache if enabled, then the supplier's bytes store. The logging settings are kept for the
 * changelogging layer, which is not built yet: a store built with logging enabled has no changelog today.
 */
public class KeyValueStoreBuilder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {
    private final KeyValueBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private boolean cachingEnabled = false;
    private boolean loggingEnabled = true;
    private Map<String, String> logConfig = new HashMap<>();

    public KeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        this.supplier = Objects.requireNonNull(supplier, "supplier cannot be null");
        Objects.requireNonNull(supplier.name(), "supplier's name cannot be null");
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
        cachingEnabled = true;
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
        cachingEnabled = false;
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        loggingEnabled = true;
        logConfig = new HashMap<>(Objects.requireNonNull(config, "config cannot be null"));
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
        loggingEnabled = false;
        logConfig = new HashMap<>();
        return this;
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.copyOf(logConfig);
    }

    @Override
    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    @Override
    public String name() {
        return supplier.name();
    }

    public boolean cachingEnabled() {
        return cachingEnabled;
    }

    @Override
    public KeyValueStore<K, V> build() {
        KeyValueStore<Bytes, byte[]> store = supplier.get();
        if (cachingEnabled) store = new CachingKeyValueStore(store);
        return new MeteredKeyValueStore<>(store, keySerde, valueSerde);
    }
}
