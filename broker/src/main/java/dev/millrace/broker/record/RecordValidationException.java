package dev.millrace.broker.record;

/**
 * A produced batch was rejected. {@link #reason()} names the Kafka error the produce handler answers
 * with; the message says what was wrong, for logs and Produce v8+'s {@code error_message}.
 */
public final class RecordValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a batch was rejected; each maps to the Kafka error code of the same name. */
    public enum Reason {
        /** CRC mismatch or unreadable batch framing (CORRUPT_MESSAGE, 2). */
        CORRUPT_MESSAGE,
        /** A well-framed batch whose content breaks the rules (INVALID_RECORD, 87). */
        INVALID_RECORD,
        /** Batch larger than the topic's max.message.bytes (MESSAGE_TOO_LARGE, 10). */
        MESSAGE_TOO_LARGE,
        /** CreateTime outside the topic's allowed window (INVALID_TIMESTAMP, 32). */
        INVALID_TIMESTAMP,
        /** Codec the request version may not use, e.g. zstd before Produce v7 (76). */
        UNSUPPORTED_COMPRESSION_TYPE
    }

    private final Reason reason;

    public RecordValidationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public RecordValidationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
