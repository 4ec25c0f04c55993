package dev.millrace.connect.postgres;

import dev.millrace.connect.errors.ConnectException;
import dev.millrace.connect.postgres.event.ChangeEvents;
import dev.millrace.connect.postgres.event.SourceInfo;
import dev.millrace.connect.postgres.event.TableSchema;
import dev.millrace.connect.postgres.values.ColumnConverters;
import dev.millrace.connect.postgres.values.TypeRegistry;
import dev.millrace.connect.source.SourceRecord;
import dev.millrace.connect.source.SourceTask;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.postgresql.replication.ReplicationSlotInfo;

/**
 * The PostgreSQL change-data-capture task: checks the server, creates the publication and slot, takes the snapshot
 * consistent with the slot when snapshot.mode asks for one, then streams changes. The snapshot is read a few
 * batches ahead on a thread of its own ({@link SnapshotReadAhead}); all other database work happens on the polling
 * thread. The broker's acknowledgements arrive on other threads through {@link #commitRecord}.
 */
public class PostgresConnectorTask extends SourceTask {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PostgresConnectorTask.class);

    /** How long a starting task waits for a predecessor's connection to release the slot. */
    static final long SLOT_RELEASE_WAIT_MS = 5_000;

    private enum Phase { SNAPSHOT, STREAMING, IDLE }

    private PostgresConnectorConfig config;
    private ChangeEvents events;
    private Connection catalog;
    private TypeRegistry types;
    private Connection replication;
    private SnapshotReadAhead snapshot;
    private ChangeStream stream;
    private ResumePosition resume;
    private volatile Phase phase;
    private volatile boolean stopping;
    private volatile Map<String, Object> snapshotProgress = Map.of();
    private long lastProgressMs;

    @Override
    public String version() {
        return PostgresConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new PostgresConnectorConfig(props);
        List<String> problems = Preflight.check(config, SLOT_RELEASE_WAIT_MS);
        if (!problems.isEmpty()) {
            throw new ConnectException(String.join("\n", problems));
        }
        try {
            catalog = Connections.sql(config);
            types = new TypeRegistry(catalog);
            events = new ChangeEvents(new SourceInfo(PostgresConnector.VERSION, config.topicPrefix(), config.dbname()),
                    config.topicPrefix());
            List<Catalog.TableId> tables = Catalog.capturedTables(catalog, config);
            ReplicationSetup.ensurePublication(catalog, config, tables);
            Map<String, Object> offset = context.offsetStorageReader().offset(events.partition());
            boolean snapshotDone = offset != null && !offset.isEmpty()
                    && (!offset.containsKey("snapshot") || Boolean.TRUE.equals(offset.get("last_snapshot_record")));
            resume = ResumePosition.of(offset);
            boolean takeSnapshot = switch (config.snapshotMode()) {
                case ALWAYS -> true;
                case INITIAL, INITIAL_ONLY -> !snapshotDone;
                case NEVER, NO_DATA -> false;
            };
            replication = Connections.replication(config);
            boolean slotExists = ReplicationSetup.slotExists(catalog, config.slotName());
            if (takeSnapshot) {
                if (slotExists) {
                    ReplicationSetup.dropSlot(catalog, config.slotName());
                }
                ReplicationSlotInfo slot = ReplicationSetup.createSlot(replication, config.slotName());
                List<TableSchema> schemas = new ArrayList<>();
                ColumnConverters converters = new ColumnConverters(types);
                for (Catalog.TableId t : tables) {
                    schemas.add(new TableSchema(config.topicPrefix(), t.schema(), t.table(),
                            Catalog.columns(catalog, t.schema(), t.table()), converters));
                }
                snapshot = new SnapshotReadAhead(SnapshotReader.open(Connections.sql(config), slot.getSnapshotName(),
                        slot.getConsistentPoint().asLong(), schemas, events, this::snapshotProgress),
                        config.maxBatchSize(), "millrace-snapshot-" + config.slotName());
                resume = ResumePosition.NONE;
                phase = Phase.SNAPSHOT;
                LOG.info("snapshot of {} tables at {} started", schemas.size(), slot.getConsistentPoint());
            } else if (config.snapshotMode() == PostgresConnectorConfig.SnapshotMode.INITIAL_ONLY) {
                startStreaming(true); // its snapshot was taken by an earlier run: nothing left to do
            } else {
                if (!slotExists) {
                    if (snapshotDone) {
                        LOG.warn("replication slot {} is gone although offsets are stored: changes committed while"
                                + " it was missing cannot be streamed; snapshot.mode=always would read them again",
                                config.slotName());
                    }
                    ReplicationSetup.createSlot(replication, config.slotName());
                }
                startStreaming(false);
            }
            closeIfStopped();
        } catch (SQLException e) {
            closeQuietly();
            throw new ConnectException("PostgreSQL connector could not start against " + config.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping) {
            return null;
        }
        try {
            switch (phase) {
                case SNAPSHOT: {
                    List<SourceRecord> records = snapshot.next(config.pollIntervalMs());
                    if (records == null) {
                        snapshot.close();
                        snapshot = null;
                        LOG.info("snapshot completed: {}", snapshotProgress);
                        startStreaming(config.snapshotMode() == PostgresConnectorConfig.SnapshotMode.INITIAL_ONLY);
                        closeIfStopped();
                        return List.of();
                    }
                    return records;
                }
                case STREAMING: {
                    List<SourceRecord> records = stream.poll();
                    publishStreamingProgress();
                    return records;
                }
                default:
                    Thread.sleep(config.pollIntervalMs());
                    return List.of();
            }
        } catch (SQLException e) {
            if (stopping) {
                return null; // stop() closed the connections under this poll
            }
            throw new ConnectException("PostgreSQL connector failed while " + (phase == Phase.SNAPSHOT
                    ? "reading the snapshot" : "streaming from slot " + config.slotName()) + ": " + e.getMessage(), e);
        }
    }

    private void startStreaming(boolean snapshotOnly) throws SQLException {
        if (snapshotOnly) {
            phase = Phase.IDLE;
            replication.close();
            LOG.info("snapshot.mode=initial_only: snapshot done, not streaming");
            return;
        }
        stream = new ChangeStream(config, replication, catalog, types, events, resume);
        Map<String, Object> p = new HashMap<>(snapshotProgress);
        p.put("phase", "streaming");
        context.progress(p);
        phase = Phase.STREAMING;
    }

    private void publishStreamingProgress() {
        long now = System.currentTimeMillis();
        if (now - lastProgressMs >= 1000) {
            lastProgressMs = now;
            Map<String, Object> p = new HashMap<>(snapshotProgress);
            p.putAll(stream.progress());
            p.put("phase", "streaming");
            context.progress(p);
        }
    }

    private void snapshotProgress(Map<String, Object> progress) {
        snapshotProgress = progress;
        context.progress(progress);
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        ChangeStream s = stream;
        Object commitLsn = record.sourceOffset() == null ? null : record.sourceOffset().get("lsn_commit");
        if (s != null && commitLsn != null) {
            s.acks().acknowledged(((Number) commitLsn).longValue());
        }
    }

    @Override
    public void stop() {
        stopping = true;
        closeQuietly();
    }

    /**
     * stop() may run while start() or poll() is opening connections on the task thread; whatever they opened after
     * stop() closed the rest is closed here, so no stray replication connection keeps the slot busy.
     */
    private void closeIfStopped() {
        if (stopping) {
            closeQuietly();
        }
    }

    private synchronized void closeQuietly() {
        if (stream != null) {
            stream.close();
        }
        try {
            if (snapshot != null) {
                snapshot.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing the snapshot", e);
        }
        for (Connection c : new Connection[] {replication, catalog}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (SQLException e) {
                LOG.debug("closing a connection", e);
            }
        }
    }
}
