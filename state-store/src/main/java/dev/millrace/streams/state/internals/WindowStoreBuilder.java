package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.WindowBytesStoreSupplier;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/**
 * Builds the serde layer, the write cache if enabled ({@link CachingWindowStore}), the changelog layer if enabled,
 * then the supplier's window store. Stores that retain duplicates are never cached, as in Kafka Streams.
 */
public class WindowStoreBuilder<K, V> extends AbstractStoreBuilder<WindowStore<K, V>> {
    private final WindowBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    public WindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(Objects.requireNonNull(supplier, "supplier cannot be null").name());
        Objects.requireNonNull(supplier.metricsScope(), "storeSupplier's metricsScope can't be null");
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /** Turns caching off for stores with duplicates (Kafka Streams does the same; each put must reach the store). */
    static void checkCaching(AbstractStoreBuilder<?> builder, boolean retainDuplicates) {
        if (builder.cachingEnabled && retainDuplicates) builder.cachingEnabled = false;
    }

    @Override
    public WindowStore<K, V> build() {
        checkCaching(this, supplier.retainDuplicates());
        WindowStore<Bytes, byte[]> store = supplier.get();
        if (loggingEnabled) {
            store = new ChangeLoggingWindowBytesStore(store, supplier.retainDuplicates(), supplier.retentionPeriod(), logConfig());
        }
        if (cachingEnabled) {
            store = new CachingWindowStore(store, supplier.windowSize(), supplier.retentionPeriod(), supplier.segmentIntervalMs());
        }
        return new MeteredWindowStore<>(store, supplier.metricsScope(), keySerde, valueSerde);
    }

    public long retentionPeriod() {
        return supplier.retentionPeriod();
    }
}
