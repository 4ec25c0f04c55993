package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/** The serde layer of a timestamped store: the user's value serde inside the timestamped value format. */
public class MeteredTimestampedKeyValueStore<K, V> extends MeteredKeyValueStore<K, ValueAndTimestamp<V>>
        implements TimestampedKeyValueStore<K, V> {
    public MeteredTimestampedKeyValueStore(KeyValueStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        this(inner, null, keySerde, valueSerde);
    }

    public MeteredTimestampedKeyValueStore(KeyValueStore<Bytes, byte[]> inner, String metricsScope, Serde<K> keySerde, Serde<V> valueSerde) {
        super(inner, metricsScope, keySerde, valueSerde == null ? null : new ValueAndTimestampSerde<>(valueSerde));
    }

    @Override
    protected Serde<ValueAndTimestamp<V>> wrapDefaultValueSerde(Serde<?> defaultSerde) {
        @SuppressWarnings("unchecked")
        Serde<V> serde = (Serde<V>) defaultSerde;
        return new ValueAndTimestampSerde<>(serde);
    }
}
