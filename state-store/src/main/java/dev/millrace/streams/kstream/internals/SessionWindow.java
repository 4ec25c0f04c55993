package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Window;

/** A session {@code [start, end]}, both inclusive: a session of one record starts and ends at its timestamp. */
public final class SessionWindow extends Window {
    public SessionWindow(long startMs, long endMs) {
        super(startMs, endMs);
    }

    @Override
    public boolean overlap(Window other) {
        if (getClass() != other.getClass()) {
            throw new IllegalArgumentException("Cannot compare windows of different type. Other window has type "
                    + other.getClass() + ".");
        }
        return !(other.end() < startMs || endMs < other.start());
    }
}
