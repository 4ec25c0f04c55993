package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.connect.errors.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/**
 * Each bad input fails the connector with a message that says what to fix, before anything is created: the
 * connector's validate() lists it, start() fails with it as the first line of the status trace, the task refuses
 * to start, and no slot or publication is left behind.
 */
class PostgresBadInputTest {
    private static PostgresServer pg;

    @BeforeAll
    static void start() {
        pg = PostgresServer.start();
        pg.sql("CREATE TABLE orders (id int PRIMARY KEY)",
                "CREATE TABLE secrets (id int PRIMARY KEY)",
                "CREATE ROLE app LOGIN PASSWORD 'secret' REPLICATION",
                "CREATE ROLE norepl LOGIN PASSWORD 'secret'",
                "GRANT SELECT ON orders TO app, norepl");
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @AfterEach
    void nothingWasCreated() throws Exception {
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE slot_name <> 'busy'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no replication slot was created");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_publication")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no publication was created");
            }
        }
    }

    private static Map<String, String> appConfig() {
        Map<String, String> c = CdcTestSupport.config(pg, "postgres", "bad");
        c.put("database.user", "app");
        c.put("database.password", "secret");
        c.put("table.include.list", "public\\.orders");
        c.put("publication.autocreate.mode", "filtered");
        return c;
    }

    @Test
    void wrongPassword() {
        Map<String, String> c = appConfig();
        c.put("database.password", "wrong");
        assertFails(c, "cannot log in to PostgreSQL", "password authentication failed", "database.password");
    }

    @Test
    void userWithoutReplicationPrivilege() {
        Map<String, String> c = appConfig();
        c.put("database.user", "norepl");
        assertFails(c, "lacks the REPLICATION privilege", "ALTER ROLE \"norepl\" REPLICATION");
    }

    @Test
    void unknownTableInTheIncludeList() {
        Map<String, String> c = appConfig();
        c.put("table.include.list", "public\\.orders,public\\.nope");
        assertFails(c, "table.include.list entry 'public\\.nope' matches no table");
    }

    @Test
    void tableTheUserMayNotRead() {
        Map<String, String> c = appConfig();
        c.put("table.include.list", "public\\..*");
        assertFails(c, "may not read table public.secrets", "GRANT SELECT ON \"public\".\"secrets\" TO \"app\"");
    }

    @Test
    void slotInUseByAnotherConsumer() throws Exception {
        pg.sql("SELECT pg_create_logical_replication_slot('busy', 'pgoutput')");
        Properties p = new Properties();
        PGProperty.USER.set(p, "postgres");
        PGProperty.REPLICATION.set(p, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        try (Connection r = DriverManager.getConnection(pg.jdbcUrl("postgres"), p);
                PGReplicationStream stream = r.unwrap(PGConnection.class).getReplicationAPI().replicationStream()
                        .logical().withSlotName("busy").withSlotOption("proto_version", "1")
                        .withSlotOption("publication_names", "none").withStatusInterval(1, TimeUnit.SECONDS).start()) {
            Map<String, String> c = appConfig();
            c.put("slot.name", "busy");
            // the task checks it (after waiting a moment for a predecessor's connection to go away); validate() cannot,
            // since while a config is updated the slot's holder may be the connector's own task
            long start = System.nanoTime();
            ConnectException e = assertThrows(ConnectException.class, () -> new PostgresConnectorTask().start(c));
            String first = e.getMessage().split("\n")[0];
            assertTrue(first.contains("replication slot 'busy' is in use by another connection") && first.contains("slot.name"),
                    first);
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(PostgresConnectorTask.SLOT_RELEASE_WAIT_MS));
        } finally {
            pg.sql("SELECT pg_drop_replication_slot('busy')");
        }
    }

    @Test
    void walLevelNotLogical() {
        try (PostgresServer replica = PostgresServer.start("replica")) {
            Map<String, String> c = CdcTestSupport.config(replica, "postgres", "bad");
            assertFails(c, "has wal_level=replica", "needs wal_level=logical", "restart PostgreSQL");
        }
    }

    @Test
    void invalidValuesNameTheirKey() {
        Map<String, String> c = appConfig();
        c.put("snapshot.mode", "sometimes");
        c.put("plugin.name", "decoderbufs");
        c.put("database.port", "many");
        c.remove("topic.prefix");
        List<String> problems = new PostgresConnector().validate(c);
        assertTrue(problems.stream().anyMatch(m -> m.startsWith("snapshot.mode 'sometimes' must be one of")), problems::toString);
        assertTrue(problems.stream().anyMatch(m -> m.startsWith("plugin.name 'decoderbufs' is not supported")), problems::toString);
        assertTrue(problems.stream().anyMatch(m -> m.startsWith("database.port 'many' is not a number")), problems::toString);
        assertTrue(problems.contains("topic.prefix is required"), problems::toString);
    }

    @Test
    void aGoodConfigValidatesClean() {
        assertEquals(List.of(), new PostgresConnector().validate(appConfig()));
    }

    /** validate() reports it, start() fails with it first, and the task does not start. */
    private static void assertFails(Map<String, String> config, String... fragments) {
        List<String> problems = new PostgresConnector().validate(config);
        assertEquals(1, problems.size(), problems::toString);
        for (String f : fragments) {
            assertTrue(problems.get(0).contains(f), () -> "'" + f + "' not in: " + problems.get(0));
        }
        ConnectException e = assertThrows(ConnectException.class, () -> new PostgresConnector().start(config));
        assertEquals(problems.get(0), e.getMessage().split("\n")[0]);
        PostgresConnectorTask task = new PostgresConnectorTask();
        ConnectException t = assertThrows(ConnectException.class, () -> task.start(config));
        assertEquals(problems.get(0), t.getMessage().split("\n")[0]);
    }
}
