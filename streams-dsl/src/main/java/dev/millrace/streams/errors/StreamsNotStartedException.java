package dev.millrace.streams.errors;

/** KafkaStreams#store or a metadata method was called before {@code start()}. Mirrors {@code org.apache.kafka.streams.errors.StreamsNotStartedException}. */
public class StreamsNotStartedException extends InvalidStateStoreException {
    public StreamsNotStartedException(String message) {
        super(message);
    }

    public StreamsNotStartedException(String message, Throwable cause) {
        super(message, cause);
    }
}
