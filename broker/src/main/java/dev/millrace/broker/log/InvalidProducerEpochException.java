package dev.millrace.broker.log;

/** A batch from an older epoch than the partition knows for its producer id (INVALID_PRODUCER_EPOCH, 47). */
public final class InvalidProducerEpochException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidProducerEpochException(String message) {
        super(message);
    }
}
