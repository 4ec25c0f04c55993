package dev.millrace.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Windows defined by a maximum time difference between records: every distinct set of a key's records no more than
 * {@code timeDifference} apart is one window {@code [start, start + timeDifference]} (both ends inclusive). Windows are
 * created only where records are, as Kafka Streams' sliding windows.
 */
public final class SlidingWindows {
    private final long timeDifferenceMs;
    private final long graceMs;

    private SlidingWindows(long timeDifferenceMs, long graceMs) {
        this.timeDifferenceMs = timeDifferenceMs;
        this.graceMs = graceMs;
    }

    public static SlidingWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }

    public static SlidingWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration afterWindowEnd) {
        long difference = DurationArgs.millis(timeDifference, "timeDifference");
        long grace = DurationArgs.millis(afterWindowEnd, "afterWindowEnd");
        if (difference < 0) throw new IllegalArgumentException("Window time difference must not be negative.");
        if (grace < 0) throw new IllegalArgumentException("Window grace period must not be negative.");
        return new SlidingWindows(difference, grace);
    }

    public long timeDifferenceMs() {
        return timeDifferenceMs;
    }

    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlidingWindows s && s.timeDifferenceMs == timeDifferenceMs && s.graceMs == graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeDifferenceMs, graceMs);
    }

    @Override
    public String toString() {
        return "SlidingWindows{timeDifferenceMs=" + timeDifferenceMs + ", graceMs=" + graceMs + '}';
    }
}
