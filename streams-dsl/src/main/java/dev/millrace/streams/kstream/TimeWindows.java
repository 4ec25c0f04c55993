package dev.millrace.streams.kstream;

import dev.millrace.streams.kstream.internals.TimeWindow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fixed-size windows aligned to the epoch: tumbling when the advance equals the size, hopping (overlapping) when it
 * is smaller. A window is {@code [start, start + size)}; records arriving up to the grace period after its end still
 * update it, later ones are dropped.
 */
public final class TimeWindows extends Windows<TimeWindow> {
    public final long sizeMs;
    public final long advanceMs;
    private final long graceMs;

    private TimeWindows(long sizeMs, long advanceMs, long graceMs) {
        this.sizeMs = sizeMs;
        this.advanceMs = advanceMs;
        this.graceMs = graceMs;
        if (sizeMs <= 0) throw new IllegalArgumentException("Window size (sizeMs) must be larger than zero.");
        if (advanceMs <= 0 || advanceMs > sizeMs) {
            throw new IllegalArgumentException(String.format("Window advancement interval should be more than zero "
                    + "and less than window duration which is %d ms, but given advancement interval is: %d ms", sizeMs, advanceMs));
        }
        if (graceMs < 0) throw new IllegalArgumentException("Grace period must not be negative.");
    }

    public static TimeWindows ofSizeWithNoGrace(Duration size) {
        return ofSizeAndGrace(size, Duration.ZERO);
    }

    public static TimeWindows ofSizeAndGrace(Duration size, Duration afterWindowEnd) {
        long sizeMs = DurationArgs.millis(size, "size");
        long graceMs = DurationArgs.millis(afterWindowEnd, "afterWindowEnd");
        return new TimeWindows(sizeMs, sizeMs, graceMs);
    }

    /** Hopping windows: a new window every {@code advance}. */
    public TimeWindows advanceBy(Duration advance) {
        return new TimeWindows(sizeMs, DurationArgs.millis(advance, "advance"), graceMs);
    }

    @Override
    public Map<Long, TimeWindow> windowsFor(long timestamp) {
        long start = (Math.max(0, timestamp - sizeMs + advanceMs) / advanceMs) * advanceMs;
        Map<Long, TimeWindow> windows = new LinkedHashMap<>();
        for (; start <= timestamp; start += advanceMs) {
            long end = start + sizeMs;
            windows.put(start, new TimeWindow(start, end < 0 ? Long.MAX_VALUE : end));
        }
        return windows;
    }

    @Override
    public long size() {
        return sizeMs;
    }

    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeWindows t && t.sizeMs == sizeMs && t.advanceMs == advanceMs && t.graceMs == graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sizeMs, advanceMs, graceMs);
    }

    @Override
    public String toString() {
        return "TimeWindows{sizeMs=" + sizeMs + ", advanceMs=" + advanceMs + ", graceMs=" + graceMs + '}';
    }
}
