package dev.millrace.streams.kstream;

import java.time.Instant;

/**
 * A time interval {@code [start, end]} in epoch milliseconds, as Kafka Streams' {@code Window}. Whether the end is
 * inclusive depends on the kind: time windows exclude it, session windows include it (see {@link #overlap}).
 */
public abstract class Window {
    protected final long startMs;
    protected final long endMs;

    /** @throws IllegalArgumentException if {@code startMs} is negative or {@code endMs < startMs} */
    public Window(long startMs, long endMs) {
        if (startMs < 0) throw new IllegalArgumentException("Window startMs time cannot be negative.");
        if (endMs < startMs) {
            throw new IllegalArgumentException("Window endMs time cannot be smaller than window startMs time.");
        }
        this.startMs = startMs;
        this.endMs = endMs;
    }

    public long start() {
        return startMs;
    }

    public long end() {
        return endMs;
    }

    public Instant startTime() {
        return Instant.ofEpochMilli(startMs);
    }

    public Instant endTime() {
        return Instant.ofEpochMilli(endMs);
    }

    /** Whether the two windows share a point in time. @throws IllegalArgumentException for a window of another kind */
    public abstract boolean overlap(Window other);

    @Override
    public boolean equals(Object obj) {
        if (obj == this) return true;
        if (obj == null || getClass() != obj.getClass()) return false;
        Window other = (Window) obj;
        return startMs == other.startMs && endMs == other.endMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(startMs) * 31 + Long.hashCode(endMs);
    }

    @Override
    public String toString() {
        return "Window{startMs=" + startMs + ", endMs=" + endMs + '}';
    }
}
