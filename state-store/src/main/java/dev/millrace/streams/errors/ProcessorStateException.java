package dev.millrace.streams.errors;

/**
 * A store's underlying storage failed (RocksDB could not open, read or write). Mirrors
 * {@code org.apache.kafka.streams.errors.ProcessorStateException}.
 */
public class ProcessorStateException extends StreamsException {
    public ProcessorStateException(String message) {
        super(message);
    }

    public ProcessorStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
