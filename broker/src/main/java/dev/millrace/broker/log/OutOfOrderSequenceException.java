package dev.millrace.broker.log;

/**
 * A batch whose first sequence does not follow its producer's last one, or a new epoch not starting at
 * sequence 0 (OUT_OF_ORDER_SEQUENCE_NUMBER, 45). The Java producer answers by bumping its epoch.
 */
public final class OutOfOrderSequenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutOfOrderSequenceException(String message) {
        super(message);
    }
}
