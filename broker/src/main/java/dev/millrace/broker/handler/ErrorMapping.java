package dev.millrace.broker.handler;

import dev.millrace.broker.log.InvalidProducerEpochException;
import dev.millrace.broker.log.LogStorageException;
import dev.millrace.broker.log.OffsetOutOfRangeException;
import dev.millrace.broker.log.OutOfOrderSequenceException;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.record.RecordValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what the log layer throws into the Kafka error code a client understands. */
final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static Errors toError(Throwable thrown) {
        Throwable t = unwrap(thrown);
        if (t instanceof RecordValidationException e) {
            return switch (e.reason()) {
                case CORRUPT_MESSAGE -> Errors.CORRUPT_MESSAGE;
                case INVALID_RECORD -> Errors.INVALID_RECORD;
                case MESSAGE_TOO_LARGE -> Errors.MESSAGE_TOO_LARGE;
                case INVALID_TIMESTAMP -> Errors.INVALID_TIMESTAMP;
                case UNSUPPORTED_COMPRESSION_TYPE -> Errors.UNSUPPORTED_COMPRESSION_TYPE;
            };
        }
        if (t instanceof InvalidProducerEpochException) {
            return Errors.INVALID_PRODUCER_EPOCH;
        }
        if (t instanceof OutOfOrderSequenceException) {
            return Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;
        }
        if (t instanceof OffsetOutOfRangeException) {
            return Errors.OFFSET_OUT_OF_RANGE;
        }
        if (t instanceof RejectedExecutionException) {
            // The partition's thread has stopped: the broker is shutting down or the partition was deleted.
            return Errors.NOT_LEADER_OR_FOLLOWER;
        }
        if (t instanceof LogStorageException || t instanceof IOException || t instanceof UncheckedIOException) {
            log.error("Storage error", t);
            return Errors.KAFKA_STORAGE_ERROR;
        }
        log.error("Unexpected error", t);
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    /** The message for response fields that carry one. */
    static String message(Throwable thrown) {
        Throwable t = unwrap(thrown);
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
