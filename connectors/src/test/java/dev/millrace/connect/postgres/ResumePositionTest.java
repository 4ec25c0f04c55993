package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule that decides what a resumed stream skips, on its own; PostgresResumeTest runs it against PostgreSQL. */
class ResumePositionTest {

    private static Map<String, Object> change(long lsn, int lsnSeq, long commit, int recordsLeft) {
        Map<String, Object> o = new HashMap<>(StreamOffsets.change(lsn, lsnSeq, commit, 7, 0, "INSERT"));
        if (recordsLeft > 0) {
            o.put(StreamOffsets.RECORDS_LEFT, recordsLeft);
        }
        return o;
    }

    @Test
    void insideTheStoredTransactionChangesUpToTheStoredFinishedOneAreSkipped() {
        ResumePosition p = ResumePosition.of(change(150, 0, 200, 0));
        assertTrue(p.skipsTransaction(100));
        assertFalse(p.skipsTransaction(200), "the stored transaction is read, to skip inside it");
        assertFalse(p.skipsTransaction(300));
        assertTrue(p.skipsChange(200, 120, 0));
        assertTrue(p.skipsChange(200, 150, 0), "the stored change was sent whole");
        assertFalse(p.skipsChange(200, 150, 1), "a later change at the same LSN (one COPY batch) was not");
        assertFalse(p.skipsChange(200, 160, 0));
        assertFalse(p.skipsChange(300, 120, 0), "a later transaction is sent whole");
    }

    @Test
    void aChangeWhoseLaterRecordsWereNotStoredIsSentAgainWhole() {
        ResumePosition p = ResumePosition.of(change(150, 2, 200, 1));
        assertTrue(p.skipsChange(200, 150, 1));
        assertFalse(p.skipsChange(200, 150, 2), "its tombstone (or create) was not stored: the change repeats");
        assertFalse(p.skipsChange(200, 150, 3));
    }

    @Test
    void offsetsFromJsonWithIntegerNumbersReadTheSame() {
        Map<String, Object> o = new HashMap<>(change(150, 2, 200, 0));
        o.replaceAll((k, v) -> v instanceof Long l ? Integer.valueOf(l.intValue()) : v);
        ResumePosition p = ResumePosition.of(o);
        assertTrue(p.skipsChange(200, 150, 2));
        assertFalse(p.skipsChange(200, 150, 3));
    }

    @Test
    void aHeartbeatOffsetStandsBetweenTransactions() {
        ResumePosition p = ResumePosition.of(StreamOffsets.heartbeat(500, 0));
        assertTrue(p.skipsTransaction(499));
        assertFalse(p.skipsTransaction(500));
        assertFalse(p.skipsChange(500, 480, 0), "a transaction committed at the heartbeat's position is sent whole");
        assertFalse(p.skipsChange(600, 550, 0));
    }

    @Test
    void aSnapshotOffsetOrNoOffsetSkipsNothing() {
        Map<String, Object> snapshot = Map.of("lsn", 500L, "txId", 9L, "snapshot", "INITIAL",
                "last_snapshot_record", true, "snapshot_completed", true);
        for (ResumePosition p : new ResumePosition[] {ResumePosition.of(snapshot), ResumePosition.of(null),
                ResumePosition.of(Map.of()), ResumePosition.NONE}) {
            assertFalse(p.skipsTransaction(0));
            assertFalse(p.skipsTransaction(100));
            assertFalse(p.skipsChange(100, 50, 0));
        }
    }
}
