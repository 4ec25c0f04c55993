package dev.millrace.streams.kstream;

import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;

/** A time-windowed key in Kafka Streams' bytes: the inner key's bytes, then the window start (8 bytes, big-endian). */
public class TimeWindowedSerializer<T> implements Serializer<Windowed<T>> {
    private final Serializer<T> inner;

    public TimeWindowedSerializer(Serializer<T> inner) {
        this.inner = inner;
    }

    @Override
    public byte[] serialize(String topic, Windowed<T> data) {
        if (data == null) return null;
        byte[] key = inner.serialize(topic, data.key());
        return ByteBuffer.allocate(key.length + 8).put(key).putLong(data.window().start()).array();
    }

    /** The inner key's bytes alone: what the default partitioner hashes for windowed keys. */
    public byte[] serializeBaseKey(String topic, Windowed<T> data) {
        return inner.serialize(topic, data.key());
    }

    @Override
    public void close() {
        inner.close();
    }
}
