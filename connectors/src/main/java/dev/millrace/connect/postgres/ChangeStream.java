package dev.millrace.connect.postgres;

import dev.millrace.connect.data.Struct;
import dev.millrace.connect.postgres.event.ChangeEvents;
import dev.millrace.connect.postgres.event.ColumnDef;
import dev.millrace.connect.postgres.event.RowValues;
import dev.millrace.connect.postgres.event.TableSchema;
import dev.millrace.connect.postgres.pgoutput.PgOutputDecoder;
import dev.millrace.connect.postgres.pgoutput.PgOutputMessage;
import dev.millrace.connect.postgres.pgoutput.TupleData;
import dev.millrace.connect.postgres.values.ColumnConverters;
import dev.millrace.connect.postgres.values.TypeRegistry;
import dev.millrace.connect.source.SourceRecord;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * Streams committed transactions from the slot through pgoutput and turns their changes into records, in commit
 * order, skipping what the stored offset says was delivered ({@link ResumePosition}). Confirms to PostgreSQL only the
 * positions that {@link AckTracker} says were fully acknowledged, and emits heartbeats while idle so the slot's
 * position keeps moving.
 */
final class ChangeStream implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChangeStream.class);
    /** Microseconds between the Unix epoch and PostgreSQL's epoch (2000-01-01). */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private final PostgresConnectorConfig config;
    private final Connection replication;
    private final Connection catalog;
    private final TypeRegistry types;
    private final ColumnConverters converters;
    private final ChangeEvents events;
    private final AckTracker acks;
    private final ResumePosition resume;
    private final PGReplicationStream stream;
    /** Captured relations by id; a relation that is not captured maps to null. */
    private final Map<Integer, TableSchema> relations = new HashMap<>();
    private PgOutputMessage.Begin txn;
    private boolean skipTxn;
    /** The LSN of the transaction's last change and how many changes before it shared that LSN. */
    private long changeLsn = -1;
    private int lsnSeq;
    private long lastHeartbeatMs = System.currentTimeMillis();
    private long lastConfirmed;
    private long lastStatusMs;
    private long streamedRecords;
    private long lastCommitLsn;

    /** Starts streaming from the slot, skipping what {@code resume} says was delivered before. */
    ChangeStream(PostgresConnectorConfig config, Connection replication, Connection catalog, TypeRegistry types,
                 ChangeEvents events, ResumePosition resume) throws SQLException {
        this.config = config;
        this.replication = replication;
        this.catalog = catalog;
        this.types = types;
        this.converters = new ColumnConverters(types);
        this.events = events;
        this.resume = resume;
        this.stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                .withSlotName(config.slotName())
                .withSlotOption("proto_version", "1")
                .withSlotOption("publication_names", config.publicationName())
                .withStatusInterval(10, TimeUnit.SECONDS)
                .start();
        this.acks = new AckTracker(0);
        LOG.info("streaming from slot {} (publication {}), skipping {}", config.slotName(), config.publicationName(),
                resume);
    }

    AckTracker acks() {
        return acks;
    }

    /** The records of the changes received within {@code pollIntervalMs}, up to about max.batch.size of them. */
    List<SourceRecord> poll() throws SQLException, InterruptedException {
        List<SourceRecord> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + config.pollIntervalMs();
        while (out.size() < config.maxBatchSize()) {
            ByteBuffer msg = stream.readPending();
            if (msg == null) {
                // a transaction's records go out whole when possible, but a batch never waits past the deadline
                if (!out.isEmpty() && txn == null || System.currentTimeMillis() >= deadline) {
                    break;
                }
                Thread.sleep(5);
                continue;
            }
            handle(PgOutputDecoder.decode(msg), stream.getLastReceiveLSN().asLong(), out);
        }
        maybeHeartbeat(out);
        confirm();
        streamedRecords += out.size();
        return out;
    }

    private void handle(PgOutputMessage message, long lsn, List<SourceRecord> out) throws SQLException {
        if (message instanceof PgOutputMessage.Begin b) {
            txn = b;
            skipTxn = resume.skipsTransaction(b.finalLsn());
            changeLsn = -1;
        } else if (message instanceof PgOutputMessage.Commit c) {
            acks.completed(txn == null ? c.commitLsn() : txn.finalLsn(), c.endLsn());
            lastCommitLsn = c.commitLsn();
            txn = null;
        } else if (message instanceof PgOutputMessage.Relation r) {
            relations.put(r.relationId(), tableFor(r));
        } else if (message instanceof PgOutputMessage.Type) {
            types.reload();
        } else if (!skipTxn && txn != null && isChange(message)) {
            // every change counts, captured or not, so the count means the same when the transaction is sent again
            lsnSeq = lsn == changeLsn ? lsnSeq + 1 : 0;
            changeLsn = lsn;
            if (resume.skipsChange(txn.finalLsn(), lsn, lsnSeq)) {
                return;
            }
            int before = out.size();
            change(message, lsn, out);
            if (out.size() > before) {
                StreamOffsets.markUnfinished(out, before);
                acks.emitted(txn.finalLsn(), out.size() - before);
            }
        }
    }

    private static boolean isChange(PgOutputMessage message) {
        return message instanceof PgOutputMessage.Insert || message instanceof PgOutputMessage.Update
                || message instanceof PgOutputMessage.Delete || message instanceof PgOutputMessage.Truncate;
    }

    private void change(PgOutputMessage message, long lsn, List<SourceRecord> out) {
        if (message instanceof PgOutputMessage.Insert i) {
            TableSchema t = relations.get(i.relationId());
            if (t != null) {
                out.add(events.change(t, "c", null, t.row(values(i.newTuple())), source(t, lsn),
                        offset(lsn, "INSERT")));
            }
        } else if (message instanceof PgOutputMessage.Update u) {
            TableSchema t = relations.get(u.relationId());
            if (t == null) {
                return;
            }
            Struct after = t.row(values(u.newTuple()));
            Struct before = u.oldTuple() == null ? null : t.row(values(u.oldTuple()));
            Map<String, Object> offset = offset(lsn, "UPDATE");
            if (before != null && t.keySchema() != null && !Objects.equals(t.key(before), t.key(after))) {
                // the primary key changed: as Debezium, a delete of the old key, its tombstone, a create of the new
                SourceRecord delete = events.change(t, "d", before, null, source(t, lsn), offset);
                out.add(delete);
                out.add(events.tombstone(delete));
                out.add(events.change(t, "c", null, after, source(t, lsn), offset));
            } else {
                out.add(events.change(t, "u", before, after, source(t, lsn), offset));
            }
        } else if (message instanceof PgOutputMessage.Delete d) {
            TableSchema t = relations.get(d.relationId());
            if (t != null) {
                SourceRecord delete = events.change(t, "d", t.row(values(d.oldTuple())), null, source(t, lsn),
                        offset(lsn, "DELETE"));
                out.add(delete);
                out.add(events.tombstone(delete));
            }
        } else if (message instanceof PgOutputMessage.Truncate tr) {
            for (int id : tr.relationIds()) {
                TableSchema t = relations.get(id);
                if (t != null) {
                    out.add(events.truncate(t, source(t, lsn), offset(lsn, "TRUNCATE")));
                }
            }
        }
    }

    private TableSchema tableFor(PgOutputMessage.Relation r) throws SQLException {
        if (!config.captures(r.namespace(), r.name())) {
            return null;
        }
        Map<String, ColumnDef> known = new HashMap<>();
        for (ColumnDef c : Catalog.columns(catalog, r.namespace(), r.name())) {
            known.put(c.name(), c);
        }
        List<ColumnDef> columns = new ArrayList<>();
        for (PgOutputMessage.Column c : r.columns()) {
            ColumnDef k = known.get(c.name());
            columns.add(new ColumnDef(c.name(), c.typeOid(), c.typeModifier(), k == null || k.optional(),
                    k != null && k.primaryKey()));
        }
        return new TableSchema(config.topicPrefix(), r.namespace(), r.name(), columns, converters);
    }

    private Struct source(TableSchema t, long lsn) {
        return events.sourceInfo().struct("false", t.schemaName(), t.tableName(), commitMicros(), txn.xid(),
                txn.finalLsn(), lsn);
    }

    private Map<String, Object> offset(long lsn, String messageType) {
        return StreamOffsets.change(lsn, lsnSeq, txn.finalLsn(), txn.xid(), commitMicros(), messageType);
    }

    private long commitMicros() {
        return txn.commitTimestamp() + PG_EPOCH_MICROS;
    }

    private static RowValues values(TupleData tuple) {
        return new RowValues() {
            @Override
            public String text(int i) {
                return tuple.text(i);
            }

            @Override
            public boolean unavailable(int i) {
                return tuple.kind(i) == TupleData.UNCHANGED_TOAST;
            }
        };
    }

    /**
     * Between transactions, every change before the stream's last received position (a change or the server's
     * keepalive, which reports how far decoding got) was delivered; a heartbeat carrying that position lets it be
     * confirmed once the heartbeat itself is acknowledged.
     */
    private void maybeHeartbeat(List<SourceRecord> out) {
        long interval = config.heartbeatIntervalMs();
        if (interval <= 0 || txn != null || System.currentTimeMillis() - lastHeartbeatMs < interval) {
            return;
        }
        lastHeartbeatMs = System.currentTimeMillis();
        long lsn = stream.getLastReceiveLSN().asLong();
        out.add(events.heartbeat(StreamOffsets.heartbeat(lsn, lastHeartbeatMs * 1000)));
        acks.emitted(lsn, 1);
        acks.completed(lsn, lsn);
    }

    /** Confirms the acknowledged position to PostgreSQL, so the slot releases WAL up to it. */
    private void confirm() throws SQLException {
        long lsn = acks.confirmable();
        long now = System.currentTimeMillis();
        if (lsn > lastConfirmed && now - lastStatusMs >= 100) {
            LogSequenceNumber l = LogSequenceNumber.valueOf(lsn);
            stream.setFlushedLSN(l);
            stream.setAppliedLSN(l);
            stream.forceUpdateStatus();
            lastConfirmed = lsn;
            lastStatusMs = now;
        }
    }

    /** Streaming figures for the task's status: records emitted, last commit seen, position confirmed. */
    Map<String, Object> progress() {
        Map<String, Object> p = new HashMap<>();
        p.put("streamed_records", streamedRecords);
        p.put("last_commit_lsn", LogSequenceNumber.valueOf(lastCommitLsn).asString());
        p.put("confirmed_lsn", LogSequenceNumber.valueOf(lastConfirmed).asString());
        return p;
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (SQLException e) {
            LOG.debug("closing the replication stream", e);
        }
        try {
            replication.close();
        } catch (SQLException e) {
            LOG.debug("closing the replication connection", e);
        }
    }
}
