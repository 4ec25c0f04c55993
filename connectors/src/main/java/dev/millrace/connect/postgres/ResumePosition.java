package dev.millrace.connect.postgres;

import java.util.Map;
import org.postgresql.replication.LogSequenceNumber;

/**
 * Where streaming resumes, read from the stored offset. The slot sends again every transaction it was not confirmed
 * past, in commit order; the records of some of them are already in the topics. Transactions committed before the
 * stored one were delivered whole and are skipped. Inside the stored one, changes are in LSN order, and those up to
 * the stored change are skipped, the stored change itself only if its last record was the one stored: a change whose
 * later records were not sent (a delete without its tombstone) is sent again whole.
 *
 * <p>A heartbeat's offset ({@code lsn_proc} equal to {@code lsn_commit}: the stream's position between
 * transactions) and one without {@code lsn_proc} stand between transactions: what committed before it is skipped,
 * the rest is sent whole. A snapshot's offset (no {@code lsn_commit}) skips nothing: the slot starts at the
 * snapshot's consistent point. Offsets are those of {@link StreamOffsets}.
 */
final class ResumePosition {
    /** Nothing stored, or a snapshot's offset: nothing is skipped. */
    static final ResumePosition NONE = new ResumePosition(0, -1, 0, false);

    private final long commitLsn;
    /** The stored change's LSN, or -1 when the offset stands between transactions. */
    private final long changeLsn;
    private final int lsnSeq;
    private final boolean changeFinished;

    private ResumePosition(long commitLsn, long changeLsn, int lsnSeq, boolean changeFinished) {
        this.commitLsn = commitLsn;
        this.changeLsn = changeLsn;
        this.lsnSeq = lsnSeq;
        this.changeFinished = changeFinished;
    }

    static ResumePosition of(Map<String, ?> offset) {
        if (offset == null || !(offset.get(StreamOffsets.LSN_COMMIT) instanceof Number commit)) {
            return NONE;
        }
        long commitLsn = commit.longValue();
        Object proc = offset.get(StreamOffsets.LSN_PROC);
        // a change's own WAL record always precedes its transaction's commit record
        if (!(proc instanceof Number p) || p.longValue() >= commitLsn) {
            return new ResumePosition(commitLsn, -1, 0, false);
        }
        return new ResumePosition(commitLsn, p.longValue(), intOf(offset.get(StreamOffsets.LSN_SEQ)),
                intOf(offset.get(StreamOffsets.RECORDS_LEFT)) == 0);
    }

    /** Whether the transaction committed at {@code finalLsn} was delivered whole before the stop. */
    boolean skipsTransaction(long finalLsn) {
        return finalLsn < commitLsn;
    }

    /**
     * Whether all records of the change at {@code lsn} ({@code lsnSeq}-th there) of the transaction committed at
     * {@code finalLsn} were delivered before the stop.
     */
    boolean skipsChange(long finalLsn, long lsn, int lsnSeq) {
        if (finalLsn != commitLsn || changeLsn < 0) {
            return finalLsn < commitLsn;
        }
        if (lsn != changeLsn) {
            return lsn < changeLsn;
        }
        if (lsnSeq != this.lsnSeq) {
            return lsnSeq < this.lsnSeq;
        }
        return changeFinished;
    }

    private static int intOf(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    @Override
    public String toString() {
        if (commitLsn == 0) {
            return "nothing";
        }
        String commit = "commit " + LogSequenceNumber.valueOf(commitLsn).asString();
        if (changeLsn < 0) {
            return "the transactions before " + commit;
        }
        return "the transactions before " + commit + " and its changes up to "
                + LogSequenceNumber.valueOf(changeLsn).asString() + "#" + lsnSeq
                + (changeFinished ? "" : " less that change, whose later records were not stored");
    }
}
