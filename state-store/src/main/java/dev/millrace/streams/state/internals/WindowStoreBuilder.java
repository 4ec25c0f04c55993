package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.WindowBytesStoreSupplier;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/**
 * Builds the serde layer, the changelog layer if enabled, then the supplier's window store. The record cache for
 * window stores is not built yet: {@link #build()} fails when caching is enabled, except for stores that retain
 * duplicates, where Kafka Streams turns caching off anyway.
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

    /** Fails when caching is asked for a store that can have it; turns it off (as Kafka Streams) for duplicates. */
    static void checkCaching(AbstractStoreBuilder<?> builder, boolean retainDuplicates, String kind) {
        if (!builder.cachingEnabled) return;
        if (retainDuplicates) {
            builder.cachingEnabled = false; // Kafka Streams: caching is disabled for stores that retain duplicates
            return;
        }
        throw new UnsupportedOperationException("caching is not implemented for " + kind + " stores yet (store "
                + builder.name() + "): build it withCachingDisabled()");
    }

    @Override
    public WindowStore<K, V> build() {
        checkCaching(this, supplier.retainDuplicates(), "window");
        WindowStore<Bytes, byte[]> store = supplier.get();
        if (loggingEnabled) {
            store = new ChangeLoggingWindowBytesStore(store, supplier.retainDuplicates(), supplier.retentionPeriod(), logConfig());
        }
        return new MeteredWindowStore<>(store, keySerde, valueSerde);
    }

    public long retentionPeriod() {
        return supplier.retentionPeriod();
    }
}
