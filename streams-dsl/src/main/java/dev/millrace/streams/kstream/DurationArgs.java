package dev.millrace.streams.kstream;

import java.time.Duration;

/** Duration arguments turned into milliseconds with Kafka Streams' checks and messages. */
final class DurationArgs {
    private DurationArgs() {
    }

    static long millis(Duration duration, String name) {
        String prefix = "Invalid value for parameter \"" + name + "\" (value was: " + duration + "). ";
        // Kafka Streams throws IllegalArgumentException, not NullPointerException, for a null duration
        if (duration == null) throw new IllegalArgumentException(prefix + "It shouldn't be null.");
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(prefix + "It can't be converted to milliseconds.", e);
        }
    }
}
