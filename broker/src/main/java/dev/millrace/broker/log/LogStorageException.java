package dev.millrace.broker.log;

import java.io.IOException;

/**
 * An I/O failure in a log's files (KAFKA_STORAGE_ERROR, 56). The log may be unusable afterwards; the
 * server should take its log directory offline rather than retry blindly.
 */
public final class LogStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogStorageException(String message, IOException cause) {
        super(message + ": " + cause, cause);
    }

    public LogStorageException(String message) {
        super(message);
    }
}
