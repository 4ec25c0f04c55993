package dev.millrace.connect.errors;

/** A value that does not fit its schema, or a schema that cannot be built or converted. */
public class DataException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
