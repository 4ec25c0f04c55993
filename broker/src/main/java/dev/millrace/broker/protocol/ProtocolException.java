package dev.millrace.broker.protocol;

/**
 * A request or response could not be decoded: truncated, malformed, or using a version or field encoding
 * we do not accept. Unchecked because it always means "drop this request (and usually the connection)",
 * never "retry".
 */
public final class ProtocolException extends RuntimeException {

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
