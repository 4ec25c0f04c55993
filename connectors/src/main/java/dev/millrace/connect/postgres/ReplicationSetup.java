package dev.millrace.connect.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.replication.ReplicationSlotInfo;

/** Creates the publication and the replication slot as publication.autocreate.mode and slot.name say. */
final class ReplicationSetup {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReplicationSetup.class);

    private ReplicationSetup() {
    }

    /** Creates the publication when absent (all_tables, filtered) or sets its tables (filtered). */
    static void ensurePublication(Connection c, PostgresConnectorConfig config, List<Catalog.TableId> tables)
            throws SQLException {
        boolean exists;
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            s.setString(1, config.publicationName());
            try (ResultSet rs = s.executeQuery()) {
                exists = rs.next();
            }
        }
        String name = Catalog.quote(config.publicationName());
        String tableList = tables.stream().map(Catalog.TableId::quoted).collect(Collectors.joining(", "));
        try (Statement s = c.createStatement()) {
            switch (config.publicationMode()) {
                case ALL_TABLES -> {
                    if (!exists) {
                        LOG.info("creating publication {} FOR ALL TABLES", name);
                        s.execute("CREATE PUBLICATION " + name + " FOR ALL TABLES");
                    }
                }
                case FILTERED -> {
                    LOG.info("{} publication {} for {}", exists ? "setting" : "creating", name, tableList);
                    s.execute(exists ? "ALTER PUBLICATION " + name + " SET TABLE " + tableList
                            : "CREATE PUBLICATION " + name + " FOR TABLE " + tableList);
                }
                case DISABLED -> {
                    if (!exists) {
                        throw new SQLException("publication " + name + " does not exist");
                    }
                }
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    static boolean slotExists(Connection c, String slot) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, slot);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void dropSlot(Connection c, String slot) throws SQLException {
        LOG.info("dropping replication slot {} to take a new snapshot consistent with a new slot", slot);
        try (PreparedStatement s = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
            s.setString(1, slot);
            s.execute();
        }
    }

    /**
     * Creates the logical slot on a replication connection. PostgreSQL exports a snapshot of the slot's consistent
     * point, valid until this connection runs its next command: import it before using the connection again.
     */
    static ReplicationSlotInfo createSlot(Connection replication, String slot) throws SQLException {
        ReplicationSlotInfo info = replication.unwrap(PGConnection.class).getReplicationAPI().createReplicationSlot()
                .logical().withSlotName(slot).withOutputPlugin("pgoutput").make();
        LOG.info("created replication slot {} at {} with snapshot {}", slot, info.getConsistentPoint(),
                info.getSnapshotName());
        return info;
    }
}
