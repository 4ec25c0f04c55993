package dev.millrace.streams.state;

import java.time.Duration;
import java.time.Instant;

/** Checks of Instant and Duration arguments, with Kafka Streams' messages ({@code ApiUtils}). */
final class InstantArgs {
    private InstantArgs() {
    }

    private static String prefix(Object value, String name) {
        return String.format("Invalid value for parameter \"%s\" (value was: %s). ", name, value);
    }

    static long millis(Instant instant, String name) {
        if (instant == null) throw new IllegalArgumentException(prefix(null, name) + "It shouldn't be null.");
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(prefix(instant, name) + "It can't be converted to milliseconds.", e);
        }
    }

    static long millis(Duration duration, String name) {
        if (duration == null) throw new IllegalArgumentException(prefix(null, name) + "It shouldn't be null.");
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(prefix(duration, name) + "It can't be converted to milliseconds.", e);
        }
    }
}
