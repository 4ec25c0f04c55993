package dev.millrace.broker.log;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * Which segments a retention pass may delete, by Kafka's rules: walk from the oldest segment and stop at
 * the first that the rule spares; never touch a segment that is not wholly below the high watermark, nor
 * an empty active segment. Pure: deciding is separate from deleting ({@link PartitionLog}).
 */
final class RetentionPolicy {

    /** The offsets that bound what may go. */
    record Bounds(long highWatermark, long logEndOffset) {
    }

    /** A rule over a segment and the one after it (null for the active segment). */
    private interface Rule {
        boolean breached(LogSegment segment, LogSegment next);
    }

    private RetentionPolicy() {
    }

    /** Segments whose newest timestamp is more than {@code retentionMs} old. */
    static List<LogSegment> byTime(Collection<LogSegment> segments, Bounds bounds, long nowMs, long retentionMs) {
        if (retentionMs < 0) {
            return List.of();
        }
        return oldest(segments, bounds, (segment, next) -> nowMs - segment.largestTimestamp() > retentionMs);
    }

    /** The oldest segments whose removal keeps the log at or above {@code retentionBytes}. */
    static List<LogSegment> bySize(Collection<LogSegment> segments, Bounds bounds, long retentionBytes) {
        if (retentionBytes < 0) {
            return List.of();
        }
        long size = 0;
        for (LogSegment segment : segments) {
            size += segment.size();
        }
        long[] excess = {size - retentionBytes};
        return oldest(segments, bounds, (segment, next) -> {
            if (excess[0] - segment.size() >= 0) {
                excess[0] -= segment.size();
                return true;
            }
            return false;
        });
    }

    /** Segments wholly below the log start offset (moved by DeleteRecords or an earlier pass). */
    static List<LogSegment> belowLogStart(Collection<LogSegment> segments, Bounds bounds, long logStartOffset) {
        return oldest(segments, bounds, (segment, next) -> next != null && next.baseOffset() <= logStartOffset);
    }

    private static List<LogSegment> oldest(Collection<LogSegment> segments, Bounds bounds, Rule rule) {
        List<LogSegment> out = new ArrayList<>();
        Iterator<LogSegment> it = segments.iterator();
        LogSegment segment = it.hasNext() ? it.next() : null;
        while (segment != null) {
            LogSegment next = it.hasNext() ? it.next() : null;
            long upperBound = next == null ? bounds.logEndOffset() : next.baseOffset();
            boolean lastAndEmpty = next == null && segment.size() == 0;
            if (bounds.highWatermark() < upperBound || lastAndEmpty || !rule.breached(segment, next)) {
                break;
            }
            out.add(segment);
            segment = next;
        }
        return out;
    }
}
