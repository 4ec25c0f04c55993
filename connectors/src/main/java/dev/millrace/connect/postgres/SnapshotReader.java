package dev.millrace.connect.postgres;

import dev.millrace.connect.data.Struct;
import dev.millrace.connect.postgres.event.ChangeEvents;
import dev.millrace.connect.postgres.event.RowValues;
import dev.millrace.connect.postgres.event.TableSchema;
import dev.millrace.connect.source.SourceRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * Reads every captured table inside one REPEATABLE READ transaction that imported the slot's exported snapshot,
 * so the rows are exactly the database as of the slot's consistent point, and turns them into read events
 * (op "r"). Rows are labelled as Debezium labels them in {@code source.snapshot}: "first", "last",
 * "first_in_data_collection", "last_in_data_collection", otherwise "true" (one row of look-ahead decides).
 * Each table is read with {@code COPY (SELECT ...) TO STDOUT} in text format inside that transaction: the same
 * rows and the same text as a SELECT, streamed without a round trip per fetch and split by {@link CopyText}
 * instead of pgjdbc's result set.
 */
final class SnapshotReader implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SnapshotReader.class);
    private final Connection connection;
    private final CopyManager copies;
    private final List<TableSchema> tables;
    private final ChangeEvents events;
    private final long consistentLsn;
    private final long txId;
    private final long startMicros;
    private final Consumer<Map<String, Object>> progress;
    private final Map<String, Object> rowOffset;
    private final Map<String, Object> lastOffset;
    private final Map<String, Long> rowsDone = new LinkedHashMap<>();
    private int tableIndex = -1;
    private CopyOut rows;
    /** Set once every table was read: no COPY can be running on the connection any more. */
    private volatile boolean finished;
    private long rowsInTable;
    /** The table being read, as "schema.table". */
    private String tableName;
    private Pending held;
    private boolean firstEmitted;
    private TableSchema sharedSourceTable;
    private Struct sharedSource;

    /** A row read but not yet labelled. */
    private record Pending(TableSchema table, String[] values, boolean firstInTable) {
    }

    /**
     * Opens the snapshot transaction on {@code connection} (a fresh SQL connection) with the exported snapshot;
     * must run before the replication connection that exported it is used again.
     */
    static SnapshotReader open(Connection connection, String snapshotName, long consistentLsn, List<TableSchema> tables,
                               ChangeEvents events, Consumer<Map<String, Object>> progress) throws SQLException {
        connection.setAutoCommit(false);
        long txId;
        try (Statement s = connection.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("SET TRANSACTION SNAPSHOT '" + snapshotName.replace("'", "''") + "'");
            try (ResultSet rs = s.executeQuery("SELECT txid_current()")) {
                rs.next();
                txId = rs.getLong(1);
            }
        }
        return new SnapshotReader(connection, tables, events, consistentLsn, txId, progress);
    }

    private SnapshotReader(Connection connection, List<TableSchema> tables, ChangeEvents events, long consistentLsn,
                           long txId, Consumer<Map<String, Object>> progress) throws SQLException {
        this.connection = connection;
        this.copies = connection.unwrap(PGConnection.class).getCopyAPI();
        this.tables = tables;
        this.events = events;
        this.consistentLsn = consistentLsn;
        this.txId = txId;
        java.time.Instant now = java.time.Instant.now();
        this.startMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        this.progress = progress;
        this.rowOffset = offset(false);
        this.lastOffset = offset(true);
        tables.forEach(t -> rowsDone.put(t.schemaName() + "." + t.tableName(), 0L));
    }

    /** Up to {@code max} read events; null once every table was read (the last call returns the final row). */
    List<SourceRecord> next(int max) throws SQLException {
        if (tableIndex >= tables.size()) {
            return null;
        }
        List<SourceRecord> out = new ArrayList<>(Math.min(max, SnapshotReadAhead.QUEUED_RECORDS));
        while (out.size() < max) {
            Pending row = readRow();
            if (row == null) {
                if (held != null) {
                    out.add(record(held, "last", true));
                    held = null;
                }
                break;
            }
            if (held != null) {
                boolean lastInTable = held.table() != row.table();
                String label = !firstEmitted ? "first" : held.firstInTable() ? "first_in_data_collection"
                        : lastInTable ? "last_in_data_collection" : "true";
                out.add(record(held, label, false));
                firstEmitted = true;
            }
            held = row;
        }
        progress.accept(progress(tableIndex >= tables.size()));
        return out;
    }

    /** The rows done per table so far, as published in the task's progress. */
    Map<String, Object> progress(boolean done) {
        if (rows != null) {
            rowsDone.put(tableName, rowsInTable);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("phase", done ? "snapshot completed" : "snapshot");
        p.put("snapshot_rows", new LinkedHashMap<>(rowsDone));
        p.put("snapshot_tables_done", Math.max(0, Math.min(tableIndex, tables.size())));
        p.put("snapshot_tables_total", tables.size());
        return p;
    }

    private SourceRecord record(Pending row, String label, boolean last) {
        TableSchema t = row.table();
        Struct after = t.row(RowValues.of(row.values()));
        return events.change(t, "r", null, after, source(t, label), last ? lastOffset : rowOffset);
    }

    /**
     * The source block: the same for every row of a table with the same label, so the one of the "true" rows (all
     * but the few first and last) is built once per table and shared by them (records are never changed once made).
     */
    private Struct source(TableSchema t, String label) {
        if (!"true".equals(label)) {
            return events.sourceInfo().struct(label, t.schemaName(), t.tableName(), startMicros, txId, null,
                    consistentLsn);
        }
        if (sharedSourceTable != t) {
            sharedSource = events.sourceInfo().struct(label, t.schemaName(), t.tableName(), startMicros, txId, null,
                    consistentLsn);
            sharedSourceTable = t;
        }
        return sharedSource;
    }

    /** The offset every snapshot row carries; only the last row's differs (it completes the snapshot). */
    private Map<String, Object> offset(boolean last) {
        Map<String, Object> offset = new HashMap<>();
        offset.put("lsn", consistentLsn);
        offset.put("txId", txId);
        offset.put("ts_usec", startMicros);
        offset.put("snapshot", "INITIAL");
        offset.put("last_snapshot_record", last);
        offset.put("snapshot_completed", last);
        return Collections.unmodifiableMap(offset);
    }

    private Pending readRow() throws SQLException {
        while (true) {
            if (rows == null && !openNextTable()) {
                return null;
            }
            byte[] line = rows.readFromCopy();
            if (line != null) {
                TableSchema t = tables.get(tableIndex);
                String[] values;
                try {
                    values = CopyText.columns(line, t.columns().size());
                } catch (IllegalArgumentException e) {
                    throw new SQLException("snapshot of " + tableName + ": " + e.getMessage(), e);
                }
                boolean first = rowsInTable == 0;
                rowsInTable++;
                if (rowsInTable % 100_000 == 0) {
                    LOG.info("snapshot of {}: {} rows", tableName, rowsInTable);
                }
                return new Pending(t, values, first);
            }
            rowsDone.put(tableName, rowsInTable);
            LOG.info("snapshot of {} done: {} rows", tableName, rowsInTable);
            rows = null;
        }
    }

    private boolean openNextTable() throws SQLException {
        tableIndex++;
        if (tableIndex >= tables.size()) {
            finished = true;
            return false;
        }
        TableSchema t = tables.get(tableIndex);
        String columns = t.columns().stream().map(c -> Catalog.quote(c.name())).collect(Collectors.joining(", "));
        // a query, not "COPY table": partitioned tables can only be copied out through one
        rows = copies.copyOut("COPY (SELECT " + columns + " FROM " + Catalog.quote(t.schemaName()) + "."
                + Catalog.quote(t.tableName()) + ") TO STDOUT");
        rowsInTable = 0;
        tableName = t.schemaName() + "." + t.tableName();
        LOG.info("snapshot of {} started", tableName);
        return true;
    }

    /**
     * Ends the snapshot transaction. Before the last table was read, a COPY may be running on another thread:
     * pgjdbc would hold a rollback until it ended, so the connection is closed at once (which ends the
     * transaction too, and the COPY's reader with an error).
     */
    @Override
    public void close() throws SQLException {
        try {
            if (finished) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }
}
