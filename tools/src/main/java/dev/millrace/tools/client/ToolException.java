package dev.millrace.tools.client;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * A failure a tool reports as one line on stderr before exiting non-zero. Its message is written for the
 * user (no stack trace, no exception class names unless there is nothing better).
 */
public final class ToolException extends RuntimeException {

    /** Exit code of a tool that failed while running, as Kafka's tools use. */
    public static final int FAILED = 1;

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Unwraps what a client future threw and words it for the user, naming what the tool was doing.
     * The broker's error message is kept, since Kafka's are already written for people.
     */
    public static ToolException from(String doing, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ToolException tool) {
            return tool;
        }
        String detail = cause.getMessage();
        if (detail == null || detail.isBlank()) {
            detail = cause.getClass().getSimpleName();
        }
        if (cause instanceof TimeoutException) {
            detail = detail + " (is the broker running and --bootstrap-server right?)";
        }
        return new ToolException(doing + ": " + detail, cause);
    }
}
