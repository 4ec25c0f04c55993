package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.server.MillraceServer;
import dev.millrace.connect.postgres.TopicReader.Event;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * snapshot.mode as Debezium defines it (never, initial_only, always), resuming without a second snapshot, and a
 * task that died in the middle of its snapshot: the next one takes a whole new snapshot on a new slot.
 */
class PostgresSnapshotModesTest {
    @TempDir
    static Path dir;
    private static PostgresServer pg;
    private static MillraceServer broker;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.start();
        broker = CdcTestSupport.broker(dir);
        pg.sql("CREATE TABLE items (id int PRIMARY KEY, v int NOT NULL)",
                "INSERT INTO items SELECT g, 0 FROM generate_series(1, 3) g",
                "CREATE TABLE big (id int PRIMARY KEY, v int NOT NULL)",
                "INSERT INTO big SELECT g, 0 FROM generate_series(1, 3000) g");
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

    private static Map<String, String> config(String mode, String name, String table) {
        Map<String, String> c = CdcTestSupport.config(pg, "postgres", name);
        c.put("snapshot.mode", mode);
        c.put("slot.name", "slot_" + name);
        c.put("table.include.list", "public\\." + table);
        return c;
    }

    private static TaskRunner streaming(Map<String, String> config, Path offsets) throws Exception {
        TaskRunner runner = new TaskRunner(broker.bootstrapServers(), config, offsets, Long.MAX_VALUE, false);
        CdcTestSupport.await("the streaming phase", 60_000, () -> runner.failure() != null
                || "streaming".equals(runner.progress().get("phase")));
        assertNull(runner.failure());
        return runner;
    }

    @Test
    void neverStreamsWithoutReadingTheTable() throws Exception {
        try (TaskRunner runner = streaming(config("never", "never", "items"), dir.resolve("never.json"));
                TopicReader topic = new TopicReader(broker.bootstrapServers(), "never.public.items", runner::failure)) {
            pg.sql("UPDATE items SET v = v + 1 WHERE id = 2");
            List<Event> events = topic.readAtLeast(1, 30_000);
            assertEquals(List.of("u"), topic.drain(300).stream().map(Event::op).toList());
            assertEquals(2, events.get(0).after().get("id").asInt());
        }
    }

    @Test
    void initialOnlyReadsTheTableAndDoesNotStream() throws Exception {
        Map<String, String> c = config("initial_only", "only", "items");
        try (TaskRunner runner = new TaskRunner(broker.bootstrapServers(), c, dir.resolve("only.json"), Long.MAX_VALUE, false);
                TopicReader topic = new TopicReader(broker.bootstrapServers(), "only.public.items", runner::failure)) {
            List<Event> events = topic.readAtLeast(3, 30_000);
            CdcTestSupport.await("the snapshot's end", 30_000,
                    () -> "snapshot completed".equals(runner.progress().get("phase")));
            pg.sql("INSERT INTO items VALUES (100, 0)");
            events = topic.drain(1000);
            assertTrue(events.stream().allMatch(e -> "r".equals(e.op())), "only read events");
            assertFalse(events.stream().anyMatch(e -> e.after().get("id").asInt() == 100), "nothing streamed");
            assertEquals("last", events.get(events.size() - 1).payload().get("source").get("snapshot").asText());
            assertEquals("first", events.get(0).payload().get("source").get("snapshot").asText());
        }
        try (TaskRunner again = new TaskRunner(broker.bootstrapServers(), c, dir.resolve("only.json"), Long.MAX_VALUE,
                false); TopicReader topic = new TopicReader(broker.bootstrapServers(), "only.public.items", again::failure)) {
            pg.sql("INSERT INTO items VALUES (101, 0)");
            List<Event> events = topic.drain(1500);
            assertEquals(3, events.size(), "a restart after the snapshot neither reads again nor streams");
            assertNull(again.failure());
        } finally {
            pg.sql("DELETE FROM items WHERE id IN (100, 101)");
        }
    }

    @Test
    void initialResumesWithoutASecondSnapshotAndAlwaysTakesOneEachStart() throws Exception {
        for (String mode : List.of("initial", "always")) {
            Map<String, String> c = config(mode, "re" + mode, "items");
            Path offsets = dir.resolve(mode + ".json");
            try (TopicReader topic = new TopicReader(broker.bootstrapServers(), "re" + mode + ".public.items")) {
                try (TaskRunner first = streaming(c, offsets)) {
                    topic.readAtLeast(3, 30_000);
                }
                pg.sql("UPDATE items SET v = v + 1 WHERE id = 1");
                try (TaskRunner second = streaming(c, offsets)) {
                    List<Event> events = topic.readUntil(all -> all.stream().anyMatch(e -> "u".equals(e.op())
                            || e != all.get(0) && "r".equals(e.op()) && e.after().get("v").asInt() == 1), 30_000);
                    events = topic.drain(500);
                    long reads = events.stream().filter(e -> "r".equals(e.op())).count();
                    if (mode.equals("initial")) {
                        assertEquals(3, reads, "initial: one snapshot only");
                        assertEquals(List.of("u"), events.subList(3, events.size()).stream().map(Event::op).toList(),
                                "initial: the change made while stopped is streamed on resume");
                    } else {
                        assertEquals(6, reads, "always: a snapshot at each start");
                        Event reread = events.stream().filter(e -> "r".equals(e.op()) && e.after().get("id").asInt() == 1)
                                .reduce((x, y) -> y).orElseThrow();
                        assertEquals(1, reread.after().get("v").asInt(), "the second snapshot reads the change");
                    }
                }
            } finally {
                pg.sql("UPDATE items SET v = 0");
            }
        }
    }

    @Test
    void aTaskThatDiedMidSnapshotIsFollowedByAWholeNewSnapshot() throws Exception {
        Map<String, String> c = config("initial", "mid", "big");
        c.put("max.batch.size", "100");
        Path offsets = dir.resolve("mid.json");
        try (TaskRunner dying = new TaskRunner(broker.bootstrapServers(), c, offsets, 500, false)) {
            CdcTestSupport.await("the first task to stop after 500 records", 60_000, () -> !dying.isRunning());
            assertNull(dying.failure());
        }
        Map<String, Object> stored = TaskRunner.readOffset(offsets);
        assertEquals("INITIAL", stored.get("snapshot"), "the stored offset is inside the snapshot");
        assertEquals(false, stored.get("last_snapshot_record"));

        pg.sql("UPDATE big SET v = 7 WHERE id = 2000", "INSERT INTO big VALUES (3001, 0)");
        try (TaskRunner second = streaming(c, offsets);
                TopicReader topic = new TopicReader(broker.bootstrapServers(), "mid.public.big", second::failure)) {
            pg.sql("UPDATE big SET v = 8 WHERE id = 1");
            Map<Integer, Integer> latest = new HashMap<>();
            topic.readUntil(all -> {
                latest.clear();
                all.forEach(e -> latest.put(e.after().get("id").asInt(), e.after().get("v").asInt()));
                return latest.size() == 3001 && latest.get(1) == 8;
            }, 60_000);
            assertEquals(7, latest.get(2000), "the new snapshot saw the change made after the first task died");
            try (Connection conn = pg.connect("postgres"); Statement s = conn.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id, v FROM big")) {
                while (rs.next()) {
                    assertEquals(rs.getInt(2), latest.get(rs.getInt(1)), "row " + rs.getInt(1));
                }
            }
            long reads = topic.drain(300).stream().filter(e -> "r".equals(e.op())).count();
            assertEquals(500 + 3001, reads, "500 reads of the dead task, then a whole new snapshot");
        }
    }
}
