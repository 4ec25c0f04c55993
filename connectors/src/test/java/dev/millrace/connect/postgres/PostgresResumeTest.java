package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.millrace.broker.server.MillraceServer;
import dev.millrace.connect.postgres.TopicReader.Event;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * A task stopped after a given number of records, its offsets stored as a worker's clean stop stores them, then a new
 * task on the same offsets and slot: every change reaches the topic once, wherever the stop fell (between
 * transactions, inside a transaction spanning several polls, among rows of one COPY batch that share an LSN), except
 * that a change stopped between its records (a delete before its tombstone, a key change before its create) is sent
 * again whole. Heartbeat and snapshot offsets resume as before.
 */
class PostgresResumeTest {
    @TempDir
    static Path dir;
    private static PostgresServer pg;
    private static MillraceServer broker;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.start();
        broker = CdcTestSupport.broker(dir);
        pg.sql("CREATE TABLE singles (id int PRIMARY KEY)",
                "CREATE TABLE multi (id int PRIMARY KEY)",
                "CREATE TABLE ignored (id int PRIMARY KEY)",
                "CREATE TABLE pairs (id int PRIMARY KEY, v text)",
                "CREATE TABLE copied (id int PRIMARY KEY)",
                "CREATE TABLE beats (id int PRIMARY KEY)",
                "CREATE TABLE snap (id int PRIMARY KEY)",
                "INSERT INTO snap SELECT g FROM generate_series(1, 5) g",
                // made here so that the slots below, created before the changes, decode with it
                "CREATE PUBLICATION dbz_publication FOR ALL TABLES");
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    /** A config streaming {@code table} from a slot made now, so every later change waits in it. */
    private static Map<String, String> streamingFromNewSlot(String name, String table) {
        pg.sql("SELECT pg_create_logical_replication_slot('" + name + "', 'pgoutput')");
        Map<String, String> c = CdcTestSupport.config(pg, "postgres", name);
        c.put("snapshot.mode", "never");
        c.put("slot.name", name);
        c.put("table.include.list", "public\\." + table);
        c.put("max.batch.size", "3"); // transactions span several polls
        return c;
    }

    /** Runs a task until it sent {@code records} records; returns the offset stored for the last of them. */
    private static Map<String, Object> runUntil(Map<String, String> config, Path offsets, long records)
            throws Exception {
        try (TaskRunner runner = new TaskRunner(broker.bootstrapServers(), config, offsets, records)) {
            CdcTestSupport.await(records + " records sent", 60_000, () -> !runner.isRunning());
            assertNull(runner.failure());
        }
        return TaskRunner.readOffset(offsets);
    }

    /** Runs a task without limit until the topic holds {@code total} records, then checks nothing more comes. */
    private static List<Event> runToTheEnd(Map<String, String> config, Path offsets, String topic, int total)
            throws Exception {
        try (TaskRunner runner = new TaskRunner(broker.bootstrapServers(), config, offsets);
                TopicReader reader = new TopicReader(broker.bootstrapServers(), topic, runner::failure)) {
            reader.readAtLeast(total, 60_000);
            List<Event> events = reader.drain(1500);
            assertNull(runner.failure());
            return events;
        }
    }

    /** "c:1", "d:1", "tombstone:1": the op (or tombstone) and the key's id of each event. */
    private static List<String> opsAndKeys(List<Event> events) {
        return events.stream().map(e -> (e.value() == null ? "tombstone" : e.op()) + ":"
                + e.keyPayload().get("id").asInt()).toList();
    }

    private static List<Integer> createdIds(List<Event> events) {
        return events.stream().filter(e -> "c".equals(e.op())).map(e -> e.after().get("id").asInt()).toList();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    private static boolean storedInsideTransaction(Map<String, Object> offset) {
        return ((Number) offset.get("lsn_proc")).longValue() < ((Number) offset.get("lsn_commit")).longValue();
    }

    @Test
    void aStopInTheMiddleOfAStreamOfSingleRowTransactionsRepeatsAndLosesNothing() throws Exception {
        Map<String, String> config = streamingFromNewSlot("singles", "singles");
        config.remove("max.batch.size");
        Path offsets = dir.resolve("singles.json");
        RowWriter writer = new RowWriter(pg, "singles");
        try {
            Map<String, Object> stored = runUntil(config, offsets, 300);
            assertEquals("INSERT", stored.get("messageType"));
            Thread.sleep(300); // changes committed while no task runs
            try (TaskRunner runner = new TaskRunner(broker.bootstrapServers(), config, offsets);
                    TopicReader reader = new TopicReader(broker.bootstrapServers(), "singles.public.singles",
                            runner::failure)) {
                reader.readAtLeast(600, 60_000); // the resumed task streams while the writer goes on
                int lastId = writer.stop();
                reader.readAtLeast(lastId, 60_000);
                List<Event> events = reader.drain(1500);
                assertNull(runner.failure());
                assertEquals(range(1, lastId), createdIds(events), "each row once, in commit order");
                assertEquals(lastId, events.size());
            }
        } finally {
            writer.close();
        }
    }

    @Test
    void aTransactionInterruptedTwiceIsCompletedOnceAcrossThreeTasks() throws Exception {
        Map<String, String> config = streamingFromNewSlot("multi", "multi");
        Path offsets = dir.resolve("multi.json");
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO ignored VALUES (0)");
            for (int i = 1; i <= 10; i++) { // changes of a table not captured lie between the captured ones
                s.execute("INSERT INTO multi VALUES (" + i + ")");
                s.execute("INSERT INTO ignored VALUES (" + i + ")");
            }
            c.commit();
            s.execute("INSERT INTO multi VALUES (11)");
            c.commit();
        }
        Map<String, Object> first = runUntil(config, offsets, 4);
        assertTrue(storedInsideTransaction(first), "the offset was stored in the middle of the transaction");
        Map<String, Object> second = runUntil(config, offsets, 3);
        assertTrue(storedInsideTransaction(second));
        assertEquals(first.get("lsn_commit"), second.get("lsn_commit"), "still the same transaction");
        List<Event> events = runToTheEnd(config, offsets, "multi.public.multi", 11);
        assertEquals(range(1, 11), createdIds(events), "4 rows, 3 rows, then the rest: each once");
        assertEquals(11, events.size());
    }

    @Test
    void aDeleteOrKeyChangeStoppedBeforeItsLastRecordIsSentAgainWhole() throws Exception {
        Map<String, String> config = streamingFromNewSlot("pairs", "pairs");
        Path offsets = dir.resolve("pairs.json");
        pg.sql("INSERT INTO pairs VALUES (1, 'a')",
                "UPDATE pairs SET id = 2 WHERE id = 1", // delete, tombstone, create
                "DELETE FROM pairs WHERE id = 2"); // delete, tombstone

        Map<String, Object> atDelete = runUntil(config, offsets, 2);
        assertEquals("UPDATE", atDelete.get("messageType"));
        assertEquals(2, atDelete.get("records_left"), "stored at the key change's delete");
        Map<String, Object> atTombstone = runUntil(config, offsets, 2);
        assertEquals(1, atTombstone.get("records_left"), "stored at the key change's tombstone");
        Map<String, Object> atLastDelete = runUntil(config, offsets, 4);
        assertEquals("DELETE", atLastDelete.get("messageType"));
        assertEquals(1, atLastDelete.get("records_left"), "stored at the delete, before its tombstone");

        List<Event> events = runToTheEnd(config, offsets, "pairs.public.pairs", 10);
        assertEquals(List.of("c:1", "d:1", // first task: stopped after the key change's delete
                "d:1", "tombstone:1", // second: the key change again, stopped before its create
                "d:1", "tombstone:1", "c:2", "d:2", // third: the key change whole, then the delete alone
                "d:2", "tombstone:2"), // last: the delete again with its tombstone
                opsAndKeys(events));
        assertFalse(TaskRunner.readOffset(offsets).containsKey("records_left"), "the last record finishes its change");
    }

    @Test
    void rowsOfOneCopyBatchShareAnLsnAndResumeAmongThemExactly() throws Exception {
        Map<String, String> config = streamingFromNewSlot("copied", "copied");
        Path offsets = dir.resolve("copied.json");
        try (Connection c = pg.connect("postgres")) {
            StringBuilder rows = new StringBuilder();
            range(1, 10).forEach(i -> rows.append(i).append('\n'));
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY copied FROM STDIN", new StringReader(rows.toString()));
        }
        pg.sql("INSERT INTO copied VALUES (11)");

        Map<String, Object> stored = runUntil(config, offsets, 4);
        assertEquals(3, stored.get("lsn_seq"), "the 4th row of the batch, at the batch's one LSN");
        List<Event> events = runToTheEnd(config, offsets, "copied.public.copied", 11);
        assertEquals(range(1, 11), createdIds(events), "the rest of the batch once, nothing of it skipped");
        assertEquals(11, events.size());
        assertEquals(1, events.subList(0, 10).stream().map(e -> e.payload().get("source").get("lsn").asLong())
                .distinct().count(), "the ten copied rows share one LSN");
    }

    @Test
    void aTaskResumesAfterAHeartbeatOffset() throws Exception {
        Map<String, String> config = streamingFromNewSlot("beats", "beats");
        config.put("heartbeat.interval.ms", "100");
        Path offsets = dir.resolve("beats.json");
        pg.sql("INSERT INTO beats VALUES (1)");
        try (TaskRunner runner = new TaskRunner(broker.bootstrapServers(), config, offsets);
                TopicReader reader = new TopicReader(broker.bootstrapServers(), "beats.public.beats", runner::failure)) {
            String sequence = reader.readAtLeast(1, 60_000).get(0).payload().get("source").get("sequence").asText();
            long commitLsn = new ObjectMapper().readTree(sequence).get(0).asLong(); // ["<commit lsn>","<lsn>"]
            CdcTestSupport.await("a heartbeat's offset to be stored after the change", 30_000, () -> {
                Map<String, Object> o = TaskRunner.readOffset(offsets);
                return runner.failure() != null || o != null && !o.containsKey("txId")
                        && ((Number) o.get("lsn_commit")).longValue() > commitLsn;
            });
            assertNull(runner.failure());
        }
        Map<String, Object> stored = TaskRunner.readOffset(offsets);
        assertEquals(stored.get("lsn_proc"), stored.get("lsn_commit"), "a heartbeat's offset");
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO beats VALUES (2)");
            s.execute("INSERT INTO beats VALUES (3)");
            c.commit();
            s.execute("INSERT INTO beats VALUES (4)");
            c.commit();
        }
        List<Event> events = runToTheEnd(config, offsets, "beats.public.beats", 4);
        assertEquals(range(1, 4), createdIds(events));
        assertEquals(4, events.size());
    }

    @Test
    void aTaskStoppedRightAfterItsSnapshotStreamsWhatFollowedOnce() throws Exception {
        Map<String, String> config = CdcTestSupport.config(pg, "postgres", "snap");
        config.put("slot.name", "snap");
        config.put("table.include.list", "public\\.snap");
        Path offsets = dir.resolve("snap.json");
        Map<String, Object> stored = runUntil(config, offsets, 5);
        assertEquals(true, stored.get("snapshot_completed"), "stored at the snapshot's last row");
        pg.sql("INSERT INTO snap VALUES (6)", "UPDATE snap SET id = 7 WHERE id = 6");
        List<Event> events = runToTheEnd(config, offsets, "snap.public.snap", 9);
        assertEquals(List.of("r:1", "r:2", "r:3", "r:4", "r:5", "c:6", "d:6", "tombstone:6", "c:7"),
                opsAndKeys(events), "no second snapshot, the changes once");
    }
}
