package dev.millrace.streams.state;

import dev.millrace.streams.state.internals.InMemoryKeyValueBytesStoreSupplier;
import dev.millrace.streams.state.internals.KeyValueStoreBuilder;
import dev.millrace.streams.state.internals.LRUBytesStoreSupplier;
import dev.millrace.streams.state.internals.RocksDBKeyValueBytesStoreSupplier;
import dev.millrace.streams.state.internals.RocksDbVersionedKeyValueBytesStoreSupplier;
import dev.millrace.streams.state.internals.VersionedKeyValueStoreBuilder;
import dev.millrace.streams.state.internals.TimestampedKeyValueStoreBuilder;
import org.apache.kafka.common.serialization.Serde;

import java.time.Duration;
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

    /**
     * A RocksDB versioned store keeping old versions for {@code historyRetention} (also the grace period of writes),
     * with Kafka Streams' default segment interval for that retention.
     */
    public static VersionedBytesStoreSupplier persistentVersionedKeyValueStore(String name, Duration historyRetention) {
        return new RocksDbVersionedKeyValueBytesStoreSupplier(requireName(name), historyRetentionMs(historyRetention));
    }

    /** As {@link #persistentVersionedKeyValueStore(String, Duration)}, old versions grouped by {@code segmentInterval}. */
    public static VersionedBytesStoreSupplier persistentVersionedKeyValueStore(String name, Duration historyRetention,
                                                                               Duration segmentInterval) {
        long retention = historyRetentionMs(historyRetention);
        long interval = Objects.requireNonNull(segmentInterval, "segmentInterval cannot be null").toMillis();
        if (interval < 1L) throw new IllegalArgumentException("segmentInterval cannot be zero or negative");
        return new RocksDbVersionedKeyValueBytesStoreSupplier(requireName(name), retention, interval);
    }

    /** Builds versioned key-value stores from {@code supplier}; null serdes mean the application's defaults. */
    public static <K, V> StoreBuilder<VersionedKeyValueStore<K, V>> versionedKeyValueStoreBuilder(
            VersionedBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new VersionedKeyValueStoreBuilder<>(supplier, keySerde, valueSerde);
    }

    private static long historyRetentionMs(Duration historyRetention) {
        long ms = Objects.requireNonNull(historyRetention, "historyRetention cannot be null").toMillis();
        if (ms < 0L) throw new IllegalArgumentException("historyRetention cannot be negative");
        return ms;
    }

    private static String requireName(String name) {
        return Objects.requireNonNull(name, "name cannot be null");
    }
}
