package dev.millrace.streams.kstream;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Serdes for windowed keys, in Kafka Streams' byte formats, so topics written by either can be read by the other. */
public final class WindowedSerdes {
    private WindowedSerdes() {
    }

    public static class TimeWindowedSerde<T> extends Serdes.WrapperSerde<Windowed<T>> {
        public TimeWindowedSerde(Serde<T> inner, long windowSize) {
            super(new TimeWindowedSerializer<>(inner.serializer()), new TimeWindowedDeserializer<>(inner.deserializer(), windowSize));
        }
    }

    public static class SessionWindowedSerde<T> extends Serdes.WrapperSerde<Windowed<T>> {
        public SessionWindowedSerde(Serde<T> inner) {
            super(new SessionWindowedSerializer<>(inner.serializer()), new SessionWindowedDeserializer<>(inner.deserializer()));
        }
    }

    public static <T> Serde<Windowed<T>> timeWindowedSerdeFrom(Class<T> type, long windowSize) {
        return new TimeWindowedSerde<>(Serdes.serdeFrom(type), windowSize);
    }

    public static <T> Serde<Windowed<T>> sessionWindowedSerdeFrom(Class<T> type) {
        return new SessionWindowedSerde<>(Serdes.serdeFrom(type));
    }
}
