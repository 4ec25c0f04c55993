package dev.millrace.streams.errors;

/** The partition asked for in {@code StoreQueryParameters#withPartition} has no local task with the store. Mirrors {@code org.apache.kafka.streams.errors.InvalidStateStorePartitionException}. */
public class InvalidStateStorePartitionException extends InvalidStateStoreException {
    public InvalidStateStorePartitionException(String message) {
        super(message);
    }

    public InvalidStateStorePartitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
