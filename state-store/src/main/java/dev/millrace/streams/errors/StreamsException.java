package dev.millrace.streams.errors;

import org.apache.kafka.common.KafkaException;

/** Root of the Streams exceptions, as {@code org.apache.kafka.streams.errors.StreamsException}. */
public class StreamsException extends KafkaException {
    public StreamsException(String message) {
        super(message);
    }

    public StreamsException(String message, Throwable cause) {
        super(message, cause);
    }
}
