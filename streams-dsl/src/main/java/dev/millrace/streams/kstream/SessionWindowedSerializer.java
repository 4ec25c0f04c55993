package dev.millrace.streams.kstream;

import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;

/** A session-windowed key in Kafka Streams' bytes: the inner key's bytes, the session end, then its start (8 bytes each). */
public class SessionWindowedSerializer<T> implements Serializer<Windowed<T>> {
    private final Serializer<T> inner;

    public SessionWindowedSerializer(Serializer<T> inner) {
        this.inner = inner;
    }

    @Override
    public byte[] serialize(String topic, Windowed<T> data) {
        if (data == null) return null;
        byte[] key = inner.serialize(topic, data.key());
        return ByteBuffer.allocate(key.length + 16).put(key).putLong(data.window().end()).putLong(data.window().start()).array();
    }

    public byte[] serializeBaseKey(String topic, Windowed<T> data) {
        return inner.serialize(topic, data.key());
    }

    @Override
    public void close() {
        inner.close();
    }
}
