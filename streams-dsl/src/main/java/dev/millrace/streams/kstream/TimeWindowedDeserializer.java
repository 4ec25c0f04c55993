package dev.millrace.streams.kstream;

import dev.millrace.streams.kstream.internals.TimeWindow;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads {@link TimeWindowedSerializer}'s bytes; the window end is start + the window size given (the bytes do not
 * hold it), capped at {@code Long.MAX_VALUE} as Kafka Streams does.
 */
public class TimeWindowedDeserializer<T> implements Deserializer<Windowed<T>> {
    private final Deserializer<T> inner;
    private final long windowSize;

    public TimeWindowedDeserializer(Deserializer<T> inner, long windowSize) {
        this.inner = inner;
        this.windowSize = windowSize;
    }

    @Override
    public Windowed<T> deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) return null;
        T key = inner.deserialize(topic, Arrays.copyOfRange(data, 0, data.length - 8));
        long start = ByteBuffer.wrap(data, data.length - 8, 8).getLong();
        long end = start + windowSize;
        return new Windowed<>(key, new TimeWindow(start, end < 0 ? Long.MAX_VALUE : end));
    }

    public Long getWindowSize() {
        return windowSize;
    }

    @Override
    public void close() {
        inner.close();
    }
}
