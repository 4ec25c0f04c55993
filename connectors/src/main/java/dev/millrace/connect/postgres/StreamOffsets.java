package dev.millrace.connect.postgres;

import dev.millrace.connect.source.SourceRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The source offsets of streamed records. Debezium's keys ({@code lsn}, {@code lsn_proc}, {@code lsn_commit},
 * {@code txId}, {@code ts_usec}, {@code messageType}) keep their meaning; two keys of ours, present only when they
 * matter, let {@link ResumePosition} resume exactly after the last stored record:
 * <ul>
 *   <li>{@value #LSN_SEQ}: the change's place among the changes of its transaction at the same LSN (absent: 0).
 *       Rows written by one COPY batch share a single WAL record, so the LSN alone does not tell them apart.</li>
 *   <li>{@value #RECORDS_LEFT}: how many records of the same change follow this one (absent: none). A delete is
 *       followed by its tombstone, a key change is a delete, a tombstone and a create, a truncate of several
 *       tables is one record per table: a stored offset with records left means the change was not all sent.</li>
 * </ul>
 */
final class StreamOffsets {
    static final String LSN = "lsn";
    static final String LSN_PROC = "lsn_proc";
    static final String LSN_COMMIT = "lsn_commit";
    static final String TX_ID = "txId";
    static final String TS_USEC = "ts_usec";
    static final String MESSAGE_TYPE = "messageType";
    static final String LSN_SEQ = "lsn_seq";
    static final String RECORDS_LEFT = "records_left";

    private StreamOffsets() {
    }

    /**
     * The offset of a change at {@code lsn} (the {@code lsnSeq}-th of its transaction there, from 0) in the
     * transaction committed at {@code commitLsn}.
     */
    static Map<String, Object> change(long lsn, int lsnSeq, long commitLsn, long xid, long commitMicros,
                                      String messageType) {
        Map<String, Object> o = new HashMap<>();
        o.put(LSN, lsn);
        o.put(LSN_PROC, lsn);
        o.put(LSN_COMMIT, commitLsn);
        o.put(TX_ID, xid);
        o.put(TS_USEC, commitMicros);
        o.put(MESSAGE_TYPE, messageType);
        if (lsnSeq > 0) {
            o.put(LSN_SEQ, lsnSeq);
        }
        return o;
    }

    /** A heartbeat's offset: every transaction committed before {@code lsn} was delivered. */
    static Map<String, Object> heartbeat(long lsn, long nowMicros) {
        Map<String, Object> o = new HashMap<>();
        o.put(LSN, lsn);
        o.put(LSN_PROC, lsn);
        o.put(LSN_COMMIT, lsn);
        o.put(TS_USEC, nowMicros);
        return o;
    }

    /**
     * Gives each record of one change from {@code from} to the end of {@code records}, except the last, its own copy
     * of the offset with {@value #RECORDS_LEFT}, so an offset stored there makes a resume send the change again whole.
     */
    static void markUnfinished(List<SourceRecord> records, int from) {
        int last = records.size() - 1;
        for (int i = from; i < last; i++) {
            SourceRecord r = records.get(i);
            Map<String, Object> o = new HashMap<>(r.sourceOffset());
            o.put(RECORDS_LEFT, last - i);
            records.set(i, new SourceRecord(r.sourcePartition(), o, r.topic(), r.kafkaPartition(), r.keySchema(),
                    r.key(), r.valueSchema(), r.value(), r.timestamp()));
        }
    }
}
