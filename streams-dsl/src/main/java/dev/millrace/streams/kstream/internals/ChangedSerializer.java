package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.internals.WrapsDefaultSerdes;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;

/**
 * Writes a table change to a grouped table's repartition topic in Kafka Streams' format, so both read each other's
 * topics: {@code old + 0}, {@code new + 1}, or {@code varint(new length) + new + old + 2}.
 */
final class ChangedSerializer<T> implements Serializer<Change<T>>, WrapsDefaultSerdes {
    private Serializer<T> inner;

    ChangedSerializer(Serializer<T> inner) {
        this.inner = inner;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void setIfUnset(Serde<?> defaultKeySerde, Serde<?> defaultValueSerde) {
        if (inner == null) inner = (Serializer<T>) defaultValueSerde.serializer();
    }

    @Override
    public byte[] serialize(String topic, Change<T> data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Change<T> data) {
        byte[] newData = data.newValue == null ? null : inner.serialize(topic, headers, data.newValue);
        byte[] oldData = data.oldValue == null ? null : inner.serialize(topic, headers, data.oldValue);
        if (newData != null && oldData != null) {
            ByteBuffer buf = ByteBuffer.allocate(5 + newData.length + oldData.length + 1);
            writeVarint(newData.length, buf);
            buf.put(newData).put(oldData).put((byte) 2);
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        }
        if (newData != null) return ByteBuffer.allocate(newData.length + 1).put(newData).put((byte) 1).array();
        if (oldData != null) return ByteBuffer.allocate(oldData.length + 1).put(oldData).put((byte) 0).array();
        throw new StreamsException("Both old and new values are null in ChangeSerializer, which is not allowed.");
    }

    /** Kafka's zig-zag varint (as in record batches), which the format uses for the new value's length. */
    static void writeVarint(int value, ByteBuffer buf) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xffffff80) != 0) {
            buf.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buf.put((byte) v);
    }

    static int readVarint(ByteBuffer buf) {
        int value = 0;
        int shift = 0;
        int b;
        while (((b = buf.get()) & 0x80) != 0) {
            value |= (b & 0x7f) << shift;
            shift += 7;
            if (shift > 28) throw new StreamsException("Varint is too long in a serialized table change");
        }
        value |= b << shift;
        return (value >>> 1) ^ -(value & 1);
    }
}
