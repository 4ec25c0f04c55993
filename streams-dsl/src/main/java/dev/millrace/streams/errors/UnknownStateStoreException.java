package dev.millrace.streams.errors;

/** The topology has no store of the name asked for. Mirrors {@code org.apache.kafka.streams.errors.UnknownStateStoreException}. */
public class UnknownStateStoreException extends InvalidStateStoreException {
    public UnknownStateStoreException(String message) {
        super(message);
    }

    public UnknownStateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
