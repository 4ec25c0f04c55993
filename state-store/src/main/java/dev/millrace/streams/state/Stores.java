package dev.millrace.streams.state;

import dev.millrace.streams.state.internals.InMemoryKeyValueBytesStoreSupplier;
import dev.millrace.streams.state.internals.KeyValueStoreBuilder;
import dev.millrace.streams.state.internals.LRUBytesStoreSupplier;
import dev.millrace.streams.state.internals.RocksDBKeyValueBytesStoreSupplier;
import dev.millrace.streams.state.internals.TimestampedKeyValueStoreBuilder;
import org.apache.kafka.common.serialization.Serde;

import java.util.Objects;

/**
 * Factory of store suppliers and builders, as Kafka Streams' {@code Stores}. A supplier picks the storage engine;
 * {@link #keyValueStoreBuilder} wraps it with serdes (and, on request, caching and a changelog).
 *
 * <pre>{@code
 * StoreBuilder<KeyValueStore<String, Long>> counts = Stores.keyValueStoreBuilder(
 *         Stores.persistentKeyValueStore("counts"), Serdes.String(), Serdes.Long());
 * }</pre>
 */
public final class Stores {
    private Stores() {
    }

    /** A RocksDB store. */
    public static KeyValueBytesStoreSupplier persistentKeyValueStore(String name) {
        return new RocksDBKeyValueBytesStoreSupplier(requireName(name), false);
    }

    /** A RocksDB store keeping values in the timestamped format, for {@link #timestampedKeyValueStoreBuilder}. */
    public static KeyValueBytesStoreSupplier persistentTimestampedKeyValueStore(String name) {
        return new RocksDBKeyValueBytesStoreSupplier(requireName(name), true);
    }

    /** A heap store ordered by serialized key. */
    public static KeyValueBytesStoreSupplier inMemoryKeyValueStore(String name) {
        return new InMemoryKeyValueBytesStoreSupplier(requireName(name));
    }

    /** A heap store keeping the {@code maxCacheSize} most recently used entries. */
    public static KeyValueBytesStoreSupplier lruMap(String name, int maxCacheSize) {
        return new LRUBytesStoreSupplier(requireName(name), maxCacheSize);
    }

    /** Builds key-value stores from {@code supplier}; null serdes mean the application's default serdes. */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(KeyValueBytesStoreSupplier supplier,
                                                                               Serde<K> keySerde, Serde<V> valueSerde) {
        return new KeyValueStoreBuilder<>(supplier, keySerde, valueSerde);
    }

    /** Builds timestamped key-value stores from {@code supplier}; null serdes mean the application's defaults. */
    public static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> timestampedKeyValueStoreBuilder(
            KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new TimestampedKeyValueStoreBuilder<>(supplier, keySerde, valueSerde);
    }

    private static String requireName(String name) {
        return Objects.requireNonNull(name, "name cannot be null");
    }
}
