package dev.millrace.connect.postgres;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides which WAL position may be confirmed to PostgreSQL: the end of the oldest transactions whose records were
 * all acknowledged by the broker. Transactions (and heartbeats) are kept in commit order, keyed by their commit
 * LSN; the polling thread registers records and completes transactions, producer callbacks acknowledge records.
 */
final class AckTracker {
    private final ConcurrentSkipListMap<Long, Entry> pending = new ConcurrentSkipListMap<>();
    private long confirmable;

    private static final class Entry {
        final AtomicInteger outstanding = new AtomicInteger();
        volatile long endLsn = -1; // set when the transaction's commit was seen
    }

    AckTracker(long start) {
        this.confirmable = start;
    }

    /** One more record of the transaction committed at {@code commitLsn} was handed to the runtime. */
    void emitted(long commitLsn, int records) {
        pending.computeIfAbsent(commitLsn, k -> new Entry()).outstanding.addAndGet(records);
    }

    /** The transaction's commit was seen: once its records are acknowledged, {@code endLsn} may be confirmed. */
    void completed(long commitLsn, long endLsn) {
        Entry e = pending.computeIfAbsent(commitLsn, k -> new Entry());
        e.endLsn = Math.max(e.endLsn, endLsn);
    }

    /** The broker acknowledged a record of the transaction committed at {@code commitLsn}. */
    void acknowledged(long commitLsn) {
        Entry e = pending.get(commitLsn);
        if (e != null) {
            e.outstanding.decrementAndGet();
        }
    }

    /** The highest LSN up to which every record was acknowledged (called by the polling thread). */
    long confirmable() {
        for (Map.Entry<Long, Entry> head = pending.firstEntry(); head != null; head = pending.firstEntry()) {
            Entry e = head.getValue();
            if (e.endLsn < 0 || e.outstanding.get() > 0) {
                break;
            }
            confirmable = Math.max(confirmable, e.endLsn);
            pending.remove(head.getKey());
        }
        return confirmable;
    }

    /** Transactions or heartbeats waiting for acknowledgements (for tests and progress). */
    int pendingCount() {
        return pending.size();
    }
}
