package dev.millrace.streams.state;

import dev.millrace.streams.state.internals.InMemoryKeyValueBytesStoreSupplier;
import dev.millrace.streams.state.internals.KeyValueStoreBuilder;
import dev.millrace.streams.state.internals.LRUBytesStoreSupplier;
import dev.millrace.streams.state.internals.RocksDBKeyValueBytesStoreSupplier;
import dev.millrace.streams.state.internals.RocksDbVersionedKeyValueBytesStoreSupplier;
import dev.millrace.streams.state.internals.VersionedKeyValueStoreBuilder;
import dev.millrace.streams.state.internals.TimestampedKeyValueStoreBuilder;
import dev.millrace.streams.state.internals.InMemorySessionBytesStoreSupplier;
import dev.millrace.streams.state.internals.InMemoryWindowBytesStoreSupplier;
import dev.millrace.streams.state.internals.RocksDbSessionBytesStoreSupplier;
import dev.millrace.streams.state.internals.RocksDbWindowBytesStoreSupplier;
import dev.millrace.streams.state.internals.SessionStoreBuilder;
import dev.millrace.streams.state.internals.TimestampedWindowStoreBuilder;
import dev.millrace.streams.state.internals.WindowStoreBuilder;
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

    /**
     * A RocksDB window store in time segments of {@code max(retention / 2, 60 s)}, as Kafka Streams.
     * {@code retainDuplicates} keeps every put (for stream-stream joins) instead of the latest per key and window.
     *
     * @throws IllegalArgumentException if a duration is null, negative or too large, or the window is longer than
     *         the retention period
     */
    public static WindowBytesStoreSupplier persistentWindowStore(String name, Duration retentionPeriod, Duration windowSize,
                                                                 boolean retainDuplicates) {
        return persistentWindowStore(name, retentionPeriod, windowSize, retainDuplicates, false);
    }

    /** As {@link #persistentWindowStore}, values in the timestamped format, for {@link #timestampedWindowStoreBuilder}. */
    public static WindowBytesStoreSupplier persistentTimestampedWindowStore(String name, Duration retentionPeriod,
                                                                            Duration windowSize, boolean retainDuplicates) {
        return persistentWindowStore(name, retentionPeriod, windowSize, retainDuplicates, true);
    }

    private static WindowBytesStoreSupplier persistentWindowStore(String name, Duration retentionPeriod, Duration windowSize,
                                                                  boolean retainDuplicates, boolean timestamped) {
        requireName(name);
        long retentionMs = InstantArgs.millis(retentionPeriod, "retentionPeriod");
        long windowSizeMs = InstantArgs.millis(windowSize, "windowSize");
        long segmentInterval = Math.max(retentionMs / 2, 60_000L);
        if (retentionMs < 0L) throw new IllegalArgumentException("retentionPeriod cannot be negative");
        if (windowSizeMs < 0L) throw new IllegalArgumentException("windowSize cannot be negative");
        if (windowSizeMs > retentionMs) {
            throw new IllegalArgumentException("The retention period of the window store " + name
                    + " must be no smaller than its window size. Got size=[" + windowSizeMs + "], retention=[" + retentionMs + "]");
        }
        return new RocksDbWindowBytesStoreSupplier(name, retentionMs, segmentInterval, windowSizeMs, retainDuplicates, timestamped);
    }

    /** A heap window store; same argument checks as {@link #persistentWindowStore}. */
    public static WindowBytesStoreSupplier inMemoryWindowStore(String name, Duration retentionPeriod, Duration windowSize,
                                                               boolean retainDuplicates) {
        requireName(name);
        long retentionMs = InstantArgs.millis(retentionPeriod, "retentionPeriod");
        if (retentionMs < 0L) throw new IllegalArgumentException("retentionPeriod cannot be negative");
        long windowSizeMs = InstantArgs.millis(windowSize, "windowSize");
        if (windowSizeMs < 0L) throw new IllegalArgumentException("windowSize cannot be negative");
        if (windowSizeMs > retentionMs) {
            // Kafka Streams prints the Durations here (PT1M), the milliseconds in the persistent variant
            throw new IllegalArgumentException("The retention period of the window store " + name
                    + " must be no smaller than its window size. Got size=[" + windowSize + "], retention=[" + retentionPeriod + "]");
        }
        return new InMemoryWindowBytesStoreSupplier(name, retentionMs, windowSizeMs, retainDuplicates);
    }

    /** A RocksDB session store in time segments (by session end) of {@code max(retention / 2, 60 s)}. */
    public static SessionBytesStoreSupplier persistentSessionStore(String name, Duration retentionPeriod) {
        requireName(name);
        long retentionMs = InstantArgs.millis(retentionPeriod, "retentionPeriod");
        if (retentionMs < 0) throw new IllegalArgumentException("retentionPeriod cannot be negative");
        return new RocksDbSessionBytesStoreSupplier(name, retentionMs);
    }

    /** A heap session store. */
    public static SessionBytesStoreSupplier inMemorySessionStore(String name, Duration retentionPeriod) {
        requireName(name);
        long retentionMs = InstantArgs.millis(retentionPeriod, "retentionPeriod");
        if (retentionMs < 0) throw new IllegalArgumentException("retentionPeriod cannot be negative");
        return new InMemorySessionBytesStoreSupplier(name, retentionMs);
    }

    /** Builds window stores from {@code supplier}; null serdes mean the application's default serdes. */
    public static <K, V> StoreBuilder<WindowStore<K, V>> windowStoreBuilder(WindowBytesStoreSupplier supplier,
                                                                           Serde<K> keySerde, Serde<V> valueSerde) {
        Objects.requireNonNull(supplier, "supplier cannot be null");
        return new WindowStoreBuilder<>(supplier, keySerde, valueSerde);
    }

    /** Builds timestamped window stores from {@code supplier}; null serdes mean the application's defaults. */
    public static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> timestampedWindowStoreBuilder(
            WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        Objects.requireNonNull(supplier, "supplier cannot be null");
        return new TimestampedWindowStoreBuilder<>(supplier, keySerde, valueSerde);
    }

    /** Builds session stores from {@code supplier}; null serdes mean the application's defaults. */
    public static <K, V> StoreBuilder<SessionStore<K, V>> sessionStoreBuilder(SessionBytesStoreSupplier supplier,
                                                                             Serde<K> keySerde, Serde<V> valueSerde) {
        Objects.requireNonNull(supplier, "supplier cannot be null");
        return new SessionStoreBuilder<>(supplier, keySerde, valueSerde);
    }

    private static String requireName(String name) {
        return Objects.requireNonNull(name, "name cannot be null");
    }
}
