package dev.millrace.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Sessions: a key's records closer together than the inactivity gap form one session {@code [first, last]} (both
 * inclusive); a record bridging two sessions merges them. A session accepts records until the grace period after
 * its end plus the gap.
 */
public final class SessionWindows {
    private final long gapMs;
    private final long graceMs;

    private SessionWindows(long gapMs, long graceMs) {
        this.gapMs = gapMs;
        this.graceMs = graceMs;
    }

    public static SessionWindows ofInactivityGapWithNoGrace(Duration inactivityGap) {
        return ofInactivityGapAndGrace(inactivityGap, Duration.ZERO);
    }

    public static SessionWindows ofInactivityGapAndGrace(Duration inactivityGap, Duration afterWindowEnd) {
        long gap = DurationArgs.millis(inactivityGap, "inactivityGap");
        long grace = DurationArgs.millis(afterWindowEnd, "afterWindowEnd");
        if (gap < 0) throw new IllegalArgumentException("Gap time cannot be negative.");
        if (grace < 0) throw new IllegalArgumentException("Grace period must not be negative.");
        return new SessionWindows(gap, grace);
    }

    public long inactivityGap() {
        return gapMs;
    }

    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionWindows s && s.gapMs == gapMs && s.graceMs == graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(gapMs, graceMs);
    }

    @Override
    public String toString() {
        return "SessionWindows{gapMs=" + gapMs + ", graceMs=" + graceMs + '}';
    }
}
