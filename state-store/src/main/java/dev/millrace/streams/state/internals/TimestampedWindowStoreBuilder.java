package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.TimestampedBytesStore;
import dev.millrace.streams.state.TimestampedWindowStore;
import dev.millrace.streams.state.WindowBytesStoreSupplier;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/**
 * Builds a timestamped window store. A persistent supplier that stores plain values is adapted (timestamps dropped,
 * read as -1), as Kafka Streams does; heap stores hold any bytes, so they take the timestamped format as they are.
 */
public class TimestampedWindowStoreBuilder<K, V> extends AbstractStoreBuilder<TimestampedWindowStore<K, V>> {
    private final WindowBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private boolean cacheOutlivesRetention;

    public TimestampedWindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(Objects.requireNonNull(supplier, "supplier cannot be null").name());
        Objects.requireNonNull(supplier.metricsScope(), "storeSupplier's metricsScope can't be null");
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    public TimestampedWindowStore<K, V> build() {
        WindowStoreBuilder.checkCaching(this, supplier.retainDuplicates());
        WindowStore<Bytes, byte[]> store = supplier.get();
        if (store.persistent() && !(store instanceof TimestampedBytesStore)) {
            store = new WindowToTimestampedWindowByteStoreAdapter(store);
        }
        if (loggingEnabled) {
            store = new ChangeLoggingTimestampedWindowBytesStore(store, supplier.retainDuplicates(), supplier.retentionPeriod(), logConfig());
        }
        if (cachingEnabled) {
            store = new CachingWindowStore(store, supplier.windowSize(), supplier.retentionPeriod(), supplier.segmentIntervalMs(),
                    cacheOutlivesRetention);
        }
        return new MeteredTimestampedWindowStore<>(store, supplier.metricsScope(), keySerde, valueSerde);
    }

    /**
     * Lets the write cache return buffered windows older than the retention, as Kafka Streams' record cache does; a
     * DSL cogroup's window aggregations need that to see what Kafka Streams' see.
     */
    public TimestampedWindowStoreBuilder<K, V> withCacheOutlivingRetention() {
        cacheOutlivesRetention = true;
        return this;
    }

    public long retentionPeriod() {
        return supplier.retentionPeriod();
    }
}
