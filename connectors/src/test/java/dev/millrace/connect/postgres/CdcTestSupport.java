package dev.millrace.connect.postgres;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** Shared pieces of the connector tests: an in-process broker, connector configs, slot inspection. */
final class CdcTestSupport {

    private CdcTestSupport() {
    }

    static MillraceServer broker(Path dir) throws InterruptedException {
        return MillraceServer.start(BrokerConfig.parse(Map.of("listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(), "num.io.threads", "2", "num.network.threads", "2")));
    }

    /** A connector config for database {@code db} on {@code pg} as the superuser, with Debezium's keys. */
    static Map<String, String> config(PostgresServer pg, String db, String prefix) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        c.put("database.hostname", pg.host());
        c.put("database.port", String.valueOf(pg.port()));
        c.put("database.user", "postgres");
        c.put("database.password", "");
        c.put("database.dbname", db);
        c.put("topic.prefix", prefix);
        c.put("plugin.name", "pgoutput");
        c.put("poll.interval.ms", "100");
        return c;
    }

    /** The slot's confirmed_flush_lsn as a number, or -1 when the slot does not exist. */
    static long confirmedFlush(PostgresServer pg, String slot) throws SQLException {
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT confirmed_flush_lsn - '0/0'::pg_lsn FROM pg_replication_slots"
                        + " WHERE slot_name = '" + slot + "'")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    static long currentWalLsn(PostgresServer pg) throws SQLException {
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void await(String what, long timeoutMs, Check check) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!check.ok()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }
}
