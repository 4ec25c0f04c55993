package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/** The timestamped value format: 8 big-endian timestamp bytes, then the user's serde's bytes for the value. */
public final class ValueAndTimestampSerde<V> implements Serde<ValueAndTimestamp<V>> {
    private final Serde<V> valueSerde;

    public ValueAndTimestampSerde(Serde<V> valueSerde) {
        this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde cannot be null");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        valueSerde.configure(configs, isKey);
    }

    @Override
    public void close() {
        valueSerde.close();
    }

    @Override
    public Serializer<ValueAndTimestamp<V>> serializer() {
        Serializer<V> inner = valueSerde.serializer();
        return (topic, vat) -> {
            if (vat == null) return null;
            byte[] value = inner.serialize(topic, vat.value());
            if (value == null) return null; // a serde that writes null writes a delete, timestamp or not
            return ByteBuffer.allocate(8 + value.length).putLong(vat.timestamp()).put(value).array();
        };
    }

    @Override
    public Deserializer<ValueAndTimestamp<V>> deserializer() {
        Deserializer<V> inner = valueSerde.deserializer();
        return (topic, data) -> {
            if (data == null) return null;
            if (data.length < 8) throw new IllegalArgumentException("a timestamped value has at least 8 bytes, got " + data.length);
            long timestamp = ByteBuffer.wrap(data).getLong();
            return ValueAndTimestamp.make(inner.deserialize(topic, Arrays.copyOfRange(data, 8, data.length)), timestamp);
        };
    }
}
