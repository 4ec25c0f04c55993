package dev.millrace.connect.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks, before anything is created, that the connector can work against the configured server: it can log in,
 * wal_level is logical, the user may replicate and read the captured tables, every include-list entry names a
 * table, the slot is not in use by another consumer, and the publication exists or can be created. Each problem
 * says what to fix.
 */
final class Preflight {

    private Preflight() {
    }

    /**
     * Problems found; empty when the connector can start. Stops at the first problem that hides the others. A slot
     * in use is a problem only with {@code slotFreeWithinMs} >= 0: it is waited for that long first, because a
     * restarted task may find its predecessor's connection not yet gone. Config validation passes -1: the
     * connector's own running task holds the slot while its config is being updated.
     */
    static List<String> check(PostgresConnectorConfig config, long slotFreeWithinMs) {
        List<String> problems = new ArrayList<>(config.problems());
        if (!problems.isEmpty()) {
            return problems;
        }
        try (Connection c = Connections.sql(config)) {
            checkServer(c, config, problems, slotFreeWithinMs);
        } catch (SQLException e) {
            problems.add(connectionProblem(config, e));
        }
        return problems;
    }

    private static void checkServer(Connection c, PostgresConnectorConfig config, List<String> problems,
                                    long slotFreeWithinMs) throws SQLException {
        String walLevel = single(c, "SHOW wal_level");
        if (!"logical".equals(walLevel)) {
            problems.add("PostgreSQL at " + config.hostname() + ":" + config.port() + " has wal_level=" + walLevel
                    + "; logical decoding needs wal_level=logical: set it in postgresql.conf (or ALTER SYSTEM SET"
                    + " wal_level = logical) and restart PostgreSQL");
            return;
        }
        boolean superuser;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT rolsuper, rolreplication FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            superuser = rs.getBoolean(1);
            if (!superuser && !rs.getBoolean(2)) {
                problems.add("user '" + config.user() + "' lacks the REPLICATION privilege needed for logical"
                        + " replication: run ALTER ROLE " + Catalog.quote(config.user()) + " REPLICATION (as a"
                        + " superuser), or set database.user to a role that has it");
                return;
            }
        }
        List<Catalog.TableId> all = Catalog.allTables(c);
        for (Pattern p : config.includes()) {
            if (all.stream().noneMatch(t -> p.matcher(t.toString()).matches())) {
                problems.add("table.include.list entry '" + p.pattern() + "' matches no table in database '"
                        + config.dbname() + "' (entries are regular expressions on schema.table, e.g. public.orders)");
            }
        }
        List<Catalog.TableId> captured = Catalog.capturedTables(c, config);
        try (PreparedStatement s = c.prepareStatement("SELECT has_table_privilege(?, 'SELECT')")) {
            for (Catalog.TableId t : captured) {
                s.setString(1, t.quoted());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        problems.add("user '" + config.user() + "' may not read table " + t + ": GRANT SELECT ON "
                                + t.quoted() + " TO " + Catalog.quote(config.user())
                                + " (or leave the table out with table.exclude.list)");
                    }
                }
            }
        }
        long slotDeadline = System.currentTimeMillis() + Math.max(0, slotFreeWithinMs);
        try (PreparedStatement s = c.prepareStatement("SELECT active, active_pid, plugin, database"
                + " FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, config.slotName());
            while (slotFreeWithinMs >= 0 && System.currentTimeMillis() < slotDeadline && slotActive(s)) {
                sleep(100);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    if (rs.getBoolean(1) && slotFreeWithinMs >= 0) {
                        problems.add("replication slot '" + config.slotName() + "' is in use by another connection"
                                + " (walsender pid " + rs.getInt(2) + "): stop that consumer, or give this connector"
                                + " its own slot.name");
                    } else if (!"pgoutput".equals(rs.getString(3))) {
                        problems.add("replication slot '" + config.slotName() + "' exists with plugin '"
                                + rs.getString(3) + "', not pgoutput: drop it (SELECT pg_drop_replication_slot('"
                                + config.slotName() + "')) or set another slot.name");
                    } else if (!config.dbname().equals(rs.getString(4))) {
                        problems.add("replication slot '" + config.slotName() + "' belongs to database '"
                                + rs.getString(4) + "', not '" + config.dbname() + "': set another slot.name");
                    }
                }
            }
        }
        boolean publicationExists;
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            s.setString(1, config.publicationName());
            try (ResultSet rs = s.executeQuery()) {
                publicationExists = rs.next();
            }
        }
        if (!publicationExists) {
            switch (config.publicationMode()) {
                case DISABLED -> problems.add("publication '" + config.publicationName() + "' does not exist and"
                        + " publication.autocreate.mode is disabled: create it (CREATE PUBLICATION "
                        + Catalog.quote(config.publicationName()) + " FOR ALL TABLES) or change"
                        + " publication.autocreate.mode");
                case ALL_TABLES -> {
                    if (!superuser) {
                        problems.add("publication '" + config.publicationName() + "' does not exist and creating it"
                                + " FOR ALL TABLES (publication.autocreate.mode=all_tables) needs a superuser: create"
                                + " it as a superuser, or set publication.autocreate.mode=filtered");
                    }
                }
                case FILTERED -> {
                    if (captured.isEmpty()) {
                        problems.add("publication.autocreate.mode=filtered but no table is captured: check"
                                + " table.include.list and table.exclude.list");
                    }
                }
            }
        }
    }

    private static boolean slotActive(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String connectionProblem(PostgresConnectorConfig config, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = config.hostname() + ":" + config.port();
        if (state.equals("28P01") || state.equals("28000")) {
            return "cannot log in to PostgreSQL at " + where + " as '" + config.user() + "': " + e.getMessage()
                    + "; check database.user and database.password";
        }
        if (state.equals("3D000")) {
            return "database '" + config.dbname() + "' does not exist on " + where + ": check database.dbname";
        }
        if (state.startsWith("08")) {
            return "cannot connect to PostgreSQL at " + where + ": " + e.getMessage()
                    + "; check database.hostname and database.port";
        }
        return "PostgreSQL at " + where + " refused the connector's checks: " + e.getMessage();
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
