package dev.millrace.streams.kstream;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The time range of a stream-stream join, as Kafka Streams' {@code JoinWindows}: a record joins the other stream's
 * records with the same key whose timestamps lie from {@code beforeMs} before to {@code afterMs} after its own.
 * Records arriving up to the grace period after that range has passed (in stream time) still join; later ones are
 * dropped. Left and outer joins emit a record without a partner only once its range plus grace has closed.
 */
public class JoinWindows extends Windows<Window> {
    public final long beforeMs;
    public final long afterMs;
    private final long graceMs;
    /** False only for the deprecated {@link #of} (eager left/outer results); the factories of Kafka 3+ set it. */
    protected final boolean enableSpuriousResultFix;

    protected JoinWindows(JoinWindows joinWindows) {
        this(joinWindows.beforeMs, joinWindows.afterMs, joinWindows.graceMs, joinWindows.enableSpuriousResultFix);
    }

    private JoinWindows(long beforeMs, long afterMs, long graceMs, boolean enableSpuriousResultFix) {
        if (beforeMs + afterMs < 0) {
            throw new IllegalArgumentException("Window interval (ie, beforeMs+afterMs) must not be negative.");
        }
        if (graceMs < 0) throw new IllegalArgumentException("Grace period must not be negative.");
        this.beforeMs = beforeMs;
        this.afterMs = afterMs;
        this.graceMs = graceMs;
        this.enableSpuriousResultFix = enableSpuriousResultFix;
    }

    public static JoinWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration afterWindowEnd) {
        long timeDifferenceMs = DurationArgs.millis(timeDifference, "timeDifference");
        long graceMs = DurationArgs.millis(afterWindowEnd, "afterWindowEnd");
        return new JoinWindows(timeDifferenceMs, timeDifferenceMs, graceMs, true);
    }

    public static JoinWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }

    /**
     * Kafka's deprecated factory: a grace of 24 hours minus the window, and left/outer results emitted eagerly.
     *
     * @deprecated as in Kafka Streams; use {@link #ofTimeDifferenceWithNoGrace} or {@link #ofTimeDifferenceAndGrace}
     */
    @Deprecated
    public static JoinWindows of(Duration timeDifference) {
        long timeDifferenceMs = DurationArgs.millis(timeDifference, "timeDifference");
        long dayMs = 24 * 60 * 60 * 1000L;
        return new JoinWindows(timeDifferenceMs, timeDifferenceMs, Math.max(dayMs - timeDifferenceMs * 2, 0), false);
    }

    /** The same window reaching {@code timeDifference} back from a record (a negative value moves the start forward). */
    public JoinWindows before(Duration timeDifference) {
        return new JoinWindows(DurationArgs.millis(timeDifference, "timeDifference"), afterMs, graceMs, enableSpuriousResultFix);
    }

    /** The same window reaching {@code timeDifference} forward from a record. */
    public JoinWindows after(Duration timeDifference) {
        return new JoinWindows(beforeMs, DurationArgs.millis(timeDifference, "timeDifference"), graceMs, enableSpuriousResultFix);
    }

    /**
     * Sets the grace of a window made with the deprecated {@link #of}.
     *
     * @deprecated as in Kafka Streams
     */
    @Deprecated
    public JoinWindows grace(Duration afterWindowEnd) {
        if (enableSpuriousResultFix) {
            throw new IllegalStateException(
                    "Cannot call grace() after setting grace value via ofTimeDifferenceAndGrace or ofTimeDifferenceWithNoGrace.");
        }
        return new JoinWindows(beforeMs, afterMs, DurationArgs.millis(afterWindowEnd, "afterWindowEnd"), false);
    }

    @Override
    public Map<Long, Window> windowsFor(long timestamp) {
        throw new UnsupportedOperationException("windowsFor() is not supported by JoinWindows.");
    }

    @Override
    public long size() {
        return beforeMs + afterMs;
    }

    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (o == null || getClass() != o.getClass()) return false;
        JoinWindows that = (JoinWindows) o;
        return beforeMs == that.beforeMs && afterMs == that.afterMs && graceMs == that.graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(beforeMs, afterMs, graceMs);
    }

    @Override
    public String toString() {
        return "JoinWindows{beforeMs=" + beforeMs + ", afterMs=" + afterMs + ", graceMs=" + graceMs + '}';
    }
}
