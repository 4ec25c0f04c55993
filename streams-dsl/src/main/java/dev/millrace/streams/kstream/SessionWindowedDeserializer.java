package dev.millrace.streams.kstream;

import dev.millrace.streams.kstream.internals.SessionWindow;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Reads {@link SessionWindowedSerializer}'s bytes. */
public class SessionWindowedDeserializer<T> implements Deserializer<Windowed<T>> {
    private final Deserializer<T> inner;

    public SessionWindowedDeserializer(Deserializer<T> inner) {
        this.inner = inner;
    }

    @Override
    public Windowed<T> deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) return null;
        T key = inner.deserialize(topic, Arrays.copyOfRange(data, 0, data.length - 16));
        ByteBuffer b = ByteBuffer.wrap(data, data.length - 16, 16);
        long end = b.getLong();
        long start = b.getLong();
        return new Windowed<>(key, new SessionWindow(start, end));
    }

    @Override
    public void close() {
        inner.close();
    }
}
