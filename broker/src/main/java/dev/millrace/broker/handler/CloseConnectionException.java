package dev.millrace.broker.handler;

/** Completes a request when the only way to signal its failure is to close the connection (acks=0). */
public final class CloseConnectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CloseConnectionException(String reason) {
        super(reason, null, false, false);
    }
}
