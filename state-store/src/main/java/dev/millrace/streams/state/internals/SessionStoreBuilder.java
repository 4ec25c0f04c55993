package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.SessionBytesStoreSupplier;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/**
 * Builds the serde layer, the write cache if enabled ({@link CachingSessionStore}), the changelog layer if enabled,
 * then the supplier's session store.
 */
public class SessionStoreBuilder<K, V> extends AbstractStoreBuilder<SessionStore<K, V>> {
    private final SessionBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private boolean cacheOutlivesRetention;

    public SessionStoreBuilder(SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(Objects.requireNonNull(supplier, "storeSupplier cannot be null").name());
        Objects.requireNonNull(supplier.metricsScope(), "storeSupplier's metricsScope can't be null");
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    public SessionStore<K, V> build() {
        SessionStore<Bytes, byte[]> store = supplier.get();
        if (loggingEnabled) store = new ChangeLoggingSessionBytesStore(store, supplier.retentionPeriod(), logConfig());
        if (cachingEnabled) {
            store = new CachingSessionStore(store, supplier.retentionPeriod(), supplier.segmentIntervalMs(), cacheOutlivesRetention);
        }
        return new MeteredSessionStore<>(store, supplier.metricsScope(), keySerde, valueSerde);
    }

    /**
     * Lets the write cache return buffered sessions older than the retention, as Kafka Streams' record cache does;
     * the DSL's session aggregation needs that to merge sessions exactly as Kafka Streams does.
     */
    public SessionStoreBuilder<K, V> withCacheOutlivingRetention() {
        cacheOutlivesRetention = true;
        return this;
    }

    public long retentionPeriod() {
        return supplier.retentionPeriod();
    }
}
