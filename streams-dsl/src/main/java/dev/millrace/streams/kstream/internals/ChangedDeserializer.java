package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.internals.WrapsDefaultSerdes;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads what {@link ChangedSerializer} writes, and Kafka Streams' versioned-table forms too (flags 3-5: an extra
 * is-latest byte before the flag, which this runtime, having no versioned tables, ignores).
 */
final class ChangedDeserializer<T> implements Deserializer<Change<T>>, WrapsDefaultSerdes {
    private Deserializer<T> inner;

    ChangedDeserializer(Deserializer<T> inner) {
        this.inner = inner;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void setIfUnset(Serde<?> defaultKeySerde, Serde<?> defaultValueSerde) {
        if (inner == null) inner = (Deserializer<T>) defaultValueSerde.deserializer();
    }

    @Override
    public Change<T> deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public Change<T> deserialize(String topic, Headers headers, byte[] data) {
        byte flag = data[data.length - 1];
        int end = flag >= 3 ? data.length - 2 : data.length - 1;
        byte[] newData;
        byte[] oldData;
        switch (flag) {
            case 0, 3 -> {
                newData = null;
                oldData = Arrays.copyOf(data, end);
            }
            case 1, 4 -> {
                newData = Arrays.copyOf(data, end);
                oldData = null;
            }
            case 2, 5 -> {
                ByteBuffer buf = ByteBuffer.wrap(data);
                int newLength = ChangedSerializer.readVarint(buf);
                newData = new byte[newLength];
                buf.get(newData);
                oldData = Arrays.copyOfRange(data, buf.position(), end);
            }
            default -> throw new StreamsException("Encountered unknown byte value `" + flag
                    + "` for encodingFlag in ChangedDeserializer.");
        }
        return new Change<>(newData == null ? null : inner.deserialize(topic, headers, newData),
                oldData == null ? null : inner.deserialize(topic, headers, oldData));
    }
}
