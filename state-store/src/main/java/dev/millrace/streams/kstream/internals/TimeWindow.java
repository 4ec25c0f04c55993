package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Window;

/** A fixed-size window {@code [start, end)}: the end is exclusive, so it must lie after the start. */
public class TimeWindow extends Window {
    public TimeWindow(long startMs, long endMs) {
        super(startMs, endMs);
        if (startMs == endMs) throw new IllegalArgumentException("Window endMs must be greater than window startMs.");
    }

    @Override
    public boolean overlap(Window other) {
        if (getClass() != other.getClass()) {
            throw new IllegalArgumentException("Cannot compare windows of different type. Other window has type "
                    + other.getClass() + ".");
        }
        return startMs < other.end() && other.start() < endMs;
    }
}
