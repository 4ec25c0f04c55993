package dev.millrace.streams.errors;

/**
 * Decides what happens when a stream thread dies of an exception, as Kafka Streams'
 * {@code org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler}.
 */
@FunctionalInterface
public interface StreamsUncaughtExceptionHandler {
    StreamThreadExceptionResponse handle(Throwable exception);

    enum StreamThreadExceptionResponse {
        /** Start a new thread in place of the dead one; it joins the group and picks up tasks. */
        REPLACE_THREAD,
        /** Close this client; it ends in {@code ERROR}. */
        SHUTDOWN_CLIENT,
        /**
         * Close every client of the application. Millrace closes this client only (ending in {@code ERROR}) and logs
         * that the others are not told: Kafka Streams' signal through the group assignment is not implemented yet.
         */
        SHUTDOWN_APPLICATION
    }
}
