package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.KeyValueBytesStoreSupplier;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.TimestampedBytesStore;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/**
 * Builds a timestamped store. A persistent supplier that stores plain values is adapted (timestamps dropped, read as
 * -1), as Kafka Streams does; heap stores hold any bytes, so they take the timestamped format as they are.
 */
public class TimestampedKeyValueStoreBuilder<K, V> extends AbstractStoreBuilder<TimestampedKeyValueStore<K, V>> {
    private final KeyValueBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    public TimestampedKeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(Objects.requireNonNull(supplier, "supplier cannot be null").name());
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    public TimestampedKeyValueStore<K, V> build() {
        KeyValueStore<Bytes, byte[]> store = supplier.get();
        if (store.persistent() && !(store instanceof TimestampedBytesStore)) {
            store = new PlainToTimestampedBytesStoreAdapter(store);
        }
        if (loggingEnabled) store = new ChangeLoggingTimestampedKeyValueBytesStore(store, logConfig());
        if (cachingEnabled) store = new CachingKeyValueStore(store);
        return new MeteredTimestampedKeyValueStore<>(store, supplier.metricsScope(), keySerde, valueSerde);
    }
}
