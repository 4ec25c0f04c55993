package dev.millrace.broker.log;

/** A fetch or delete-records offset outside [log start, log end] (OFFSET_OUT_OF_RANGE, 1). */
public final class OffsetOutOfRangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OffsetOutOfRangeException(String message) {
        super(message);
    }
}
