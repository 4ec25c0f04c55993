package dev.millrace.streams.errors;

/**
 * A store (or one of its iterators) was used while it is not open: never initialised, closed, or closed under an
 * open iterator. Mirrors {@code org.apache.kafka.streams.errors.InvalidStateStoreException}.
 */
public class InvalidStateStoreException extends StreamsException {
    public InvalidStateStoreException(String message) {
        super(message);
    }

    public InvalidStateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
