package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.SessionWindows;
import dev.millrace.streams.kstream.SlidingWindows;
import dev.millrace.streams.kstream.Windows;
import dev.millrace.streams.state.SessionBytesStoreSupplier;
import dev.millrace.streams.state.SessionStore;
import dev.millrace.streams.state.StoreBuilder;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.TimestampedWindowStore;
import dev.millrace.streams.state.WindowBytesStoreSupplier;
import dev.millrace.streams.state.WindowStore;
import dev.millrace.streams.state.internals.SessionStoreBuilder;
import dev.millrace.streams.state.internals.TimestampedWindowStoreBuilder;
import org.apache.kafka.common.utils.Bytes;

import java.time.Duration;

/**
 * The stores of windowed aggregations: timestamped window stores for time and sliding windows, session stores for
 * sessions; RocksDB unless the user gave a supplier, with the Materialized's caching and logging flags. The retention
 * is the Materialized's, or by default just long enough for the windows and their grace; a retention shorter than
 * that is refused with Kafka Streams' message.
 */
final class WindowStoreMaterializer {
    private WindowStoreMaterializer() {
    }

    static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> forWindows(
            MaterializedInternal<K, V, WindowStore<Bytes, byte[]>> m, Windows<?> windows) {
        long retention = m.retention() != null ? m.retention().toMillis() : windows.size() + windows.gracePeriodMs();
        if (windows.size() + windows.gracePeriodMs() > retention) {
            throw new IllegalArgumentException("The retention period of the window store " + m.storeName()
                    + " must be no smaller than its window size plus the grace period. Got size=[" + windows.size()
                    + "], grace=[" + windows.gracePeriodMs() + "], retention=[" + retention + "]");
        }
        return windowStore(m, retention, windows.size());
    }

    static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> forSliding(
            MaterializedInternal<K, V, WindowStore<Bytes, byte[]>> m, SlidingWindows windows) {
        // a new record may need windows starting 2 * timeDifference before it
        long retention = m.retention() != null ? m.retention().toMillis()
                : windows.gracePeriodMs() + 2 * windows.timeDifferenceMs();
        if (windows.timeDifferenceMs() * 2 + windows.gracePeriodMs() > retention) {
            throw new IllegalArgumentException("The retention period of the window store " + m.storeName()
                    + " must be no smaller than 2 * time difference plus the grace period. Got time difference=["
                    + windows.timeDifferenceMs() + "], grace=[" + windows.gracePeriodMs() + "], retention=[" + retention + "]");
        }
        return windowStore(m, retention, windows.timeDifferenceMs());
    }

    /** A session store's builder and the retention it was built with (the aggregation needs it). */
    record SessionStoreFactory<K, V>(StoreBuilder<SessionStore<K, V>> builder, long retentionPeriod) {
    }

    static <K, V> SessionStoreFactory<K, V> forSessions(
            MaterializedInternal<K, V, SessionStore<Bytes, byte[]>> m, SessionWindows windows) {
        long retention = m.retention() != null ? m.retention().toMillis() : windows.inactivityGap() + windows.gracePeriodMs();
        if (windows.inactivityGap() + windows.gracePeriodMs() > retention) {
            throw new IllegalArgumentException("The retention period of the session store " + m.storeName()
                    + " must be no smaller than the session inactivity gap plus the grace period. Got gap=["
                    + windows.inactivityGap() + "], grace=[" + windows.gracePeriodMs() + "], retention=[" + retention + "]");
        }
        SessionBytesStoreSupplier supplier = m.sessionStoreSupplier();
        if (supplier == null) supplier = Stores.persistentSessionStore(m.storeName(), Duration.ofMillis(retention));
        StoreBuilder<SessionStore<K, V>> builder = Stores.sessionStoreBuilder(supplier, m.keySerde(), m.valueSerde());
        // Kafka Streams' cache hands the aggregation sessions older than the retention; ours must too
        if (builder instanceof SessionStoreBuilder<K, V> sessions) sessions.withCacheOutlivingRetention();
        return new SessionStoreFactory<>(flags(builder, m.loggingEnabled(), m.logConfig(), m.cachingEnabled()),
                supplier.retentionPeriod());
    }

    private static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> windowStore(
            MaterializedInternal<K, V, WindowStore<Bytes, byte[]>> m, long retention, long windowSize) {
        WindowBytesStoreSupplier supplier = m.windowStoreSupplier();
        if (supplier == null) {
            supplier = Stores.persistentTimestampedWindowStore(m.storeName(), Duration.ofMillis(retention),
                    Duration.ofMillis(windowSize), false);
        }
        StoreBuilder<TimestampedWindowStore<K, V>> builder =
                Stores.timestampedWindowStoreBuilder(supplier, m.keySerde(), m.valueSerde());
        // Kafka Streams' cache hands the aggregation windows older than the retention (seen in cogroups); ours must too
        if (builder instanceof TimestampedWindowStoreBuilder<K, V> windows) windows.withCacheOutlivingRetention();
        return flags(builder, m.loggingEnabled(), m.logConfig(), m.cachingEnabled());
    }

    private static <T extends StoreBuilder<?>> T flags(T builder, boolean logging, java.util.Map<String, String> logConfig,
                                                       boolean caching) {
        if (logging) builder.withLoggingEnabled(logConfig);
        else builder.withLoggingDisabled();
        if (caching) builder.withCachingEnabled();
        return builder;
    }
}
