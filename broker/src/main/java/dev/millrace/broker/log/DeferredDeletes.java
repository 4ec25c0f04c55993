package dev.millrace.broker.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segments already removed from a log whose files live on for {@code file.delete.delay.ms}: they are
 * renamed {@code *.deleted} at once (a restart finishes the job) but stay open, so a fetch that found
 * one a moment earlier can still send its bytes. Owner thread only.
 */
final class DeferredDeletes {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredDeletes.class);

    private record Pending(LogSegment segment, long deadlineMs) {
    }

    private final List<Pending> pending = new ArrayList<>();

    /** Renames the segments' files and schedules their removal {@code delayMs} from {@code nowMs}. */
    void schedule(List<LogSegment> segments, long nowMs, long delayMs) throws IOException {
        for (LogSegment segment : segments) {
            segment.renameWithSuffix(LogSegment.DELETED_SUFFIX);
            pending.add(new Pending(segment, nowMs + delayMs));
        }
        if (delayMs <= 0) {
            removeDue(nowMs);
        }
    }

    /** Closes and deletes the segments whose delay has passed. */
    void removeDue(long nowMs) {
        remove(false, nowMs);
    }

    /** Closes and deletes every pending segment (the log is closing). */
    void removeAll() {
        remove(true, 0L);
    }

    int size() {
        return pending.size();
    }

    private void remove(boolean all, long nowMs) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (all || p.deadlineMs() <= nowMs) {
                try {
                    p.segment().deleteFiles();
                } catch (IOException e) {
                    LOG.warn("Cannot delete files of {}: {}", p.segment(), e.toString());
                }
                it.remove();
            }
        }
    }
}
