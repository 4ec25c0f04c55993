package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.TimestampedWindowStore;
import dev.millrace.streams.state.ValueAndTimestamp;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/** The serde layer of timestamped window stores: values go through {@link ValueAndTimestampSerde}. */
public class MeteredTimestampedWindowStore<K, V> extends MeteredWindowStore<K, ValueAndTimestamp<V>>
        implements TimestampedWindowStore<K, V> {
    public MeteredTimestampedWindowStore(WindowStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        this(inner, null, keySerde, valueSerde);
    }

    public MeteredTimestampedWindowStore(WindowStore<Bytes, byte[]> inner, String metricsScope, Serde<K> keySerde, Serde<V> valueSerde) {
        super(inner, metricsScope, keySerde, valueSerde == null ? null : new ValueAndTimestampSerde<>(valueSerde));
    }

    @Override
    protected Serde<ValueAndTimestamp<V>> wrapDefaultValueSerde(Serde<?> defaultSerde) {
        @SuppressWarnings("unchecked")
        Serde<V> serde = (Serde<V>) defaultSerde;
        return new ValueAndTimestampSerde<>(serde);
    }
}
