package dev.millrace.connect.errors;

/**
 * Thrown by a connector or task to fail it. The runtime puts the message (and the stack trace under it) into the
 * status {@code trace}, so the first line of the message should say what to fix.
 */
public class ConnectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectException(String message) {
        super(message);
    }

    public ConnectException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConnectException(Throwable cause) {
        super(cause);
    }
}
