package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.server.MillraceServer;
import dev.millrace.connect.postgres.TopicReader.Event;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot of 10,000 rows while writers keep committing, then streaming. Every row holds a counter that each
 * committed update raises by one, so the events of a key must read: its snapshot value (or 0 when inserted after
 * the snapshot), then exactly +1 per update. A change lost at the snapshot boundary shows as a gap, a change seen
 * by both the snapshot and the stream as a repeat, a change out of commit order as a step other than +1.
 */
class PostgresSnapshotStreamingTest {
    private static final int ROWS = 10_000;

    @TempDir
    Path dir;

    @Test
    void everyChangeCommittedDuringAndAfterTheSnapshotAppearsExactlyOnceInCommitOrder() throws Exception {
        try (PostgresServer pg = PostgresServer.start(); MillraceServer broker = CdcTestSupport.broker(dir)) {
            pg.sql("CREATE TABLE counters (id int PRIMARY KEY, v int NOT NULL)",
                    "INSERT INTO counters SELECT g, 0 FROM generate_series(1, " + ROWS + ") g");
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger commits = new AtomicInteger();
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int seed = w;
                Thread t = new Thread(() -> write(pg, seed, writing, commits, writerFailure), "writer-" + w);
                t.start();
                writers.add(t);
            }
            CdcTestSupport.await("writers committing", 10_000, () -> commits.get() > 50);
            int commitsBeforeStart = commits.get();
            Map<String, String> config = CdcTestSupport.config(pg, "postgres", "snap");
            config.put("max.batch.size", "500");
            long t0 = System.nanoTime();
            TaskRunner runner = new TaskRunner(broker.bootstrapServers(), config, dir.resolve("offsets.json"),
                    Long.MAX_VALUE, false);
            try {
                CdcTestSupport.await("the streaming phase", 60_000, () -> runner.failure() != null
                        || "streaming".equals(runner.progress().get("phase")));
                assertNull(runner.failure());
                int commitsAtStreaming = commits.get();
                long snapshotMs = (System.nanoTime() - t0) / 1_000_000;
                Thread.sleep(1500);
                writing.set(false);
                for (Thread t : writers) {
                    t.join();
                }
                long stopped = System.nanoTime();
                assertNull(writerFailure.get());
                assertTrue(commitsAtStreaming > commitsBeforeStart,
                        "writers committed between the connector's start and its streaming phase");

                Map<Integer, Integer> expected = new HashMap<>();
                try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT id, v FROM counters")) {
                    while (rs.next()) {
                        expected.put(rs.getInt(1), rs.getInt(2));
                    }
                }
                Map<Integer, Integer> latest = new HashMap<>();
                Map<Integer, List<Event>> byKey = new HashMap<>();
                try (TopicReader reader = new TopicReader(broker.bootstrapServers(), "snap.public.counters",
                        runner::failure)) {
                    List<Event> events = reader.readUntil(all -> {
                        for (int i = latest.size() == 0 ? 0 : countSeen(byKey); i < all.size(); i++) {
                            Event e = all.get(i);
                            int id = e.keyPayload().get("id").asInt();
                            byKey.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
                            latest.put(id, e.after().get("v").asInt());
                        }
                        return latest.equals(expected);
                    }, 90_000);
                    long reads = events.stream().filter(e -> "r".equals(e.op())).count();
                    long updates = events.stream().filter(e -> "u".equals(e.op())).count();
                    assertTrue(reads >= ROWS, "the snapshot read every row: " + reads);
                    assertTrue(updates > 0, "changes were streamed after the snapshot");
                    System.out.printf("snapshot+streaming: %d read events in %d ms, %d streamed changes, %d transactions,"
                            + " caught up %d ms after the writers stopped%n", reads, snapshotMs,
                            updates + events.stream().filter(e -> "c".equals(e.op())).count(), commits.get(),
                            (System.nanoTime() - stopped) / 1_000_000);
                }
                for (Map.Entry<Integer, List<Event>> k : byKey.entrySet()) {
                    List<Event> events = k.getValue();
                    Event first = events.get(0);
                    assertTrue("r".equals(first.op()) || "c".equals(first.op()) && first.after().get("v").asInt() == 0,
                            "key " + k.getKey() + " starts with its snapshot read or its insert");
                    int v = first.after().get("v").asInt();
                    for (Event e : events.subList(1, events.size())) {
                        assertEquals("u", e.op(), "key " + k.getKey() + ": only updates follow");
                        assertEquals(v + 1, e.after().get("v").asInt(), "key " + k.getKey() + ": each committed"
                                + " update once, in commit order");
                        v++;
                    }
                }
                assertEquals(expected.keySet(), byKey.keySet());
            } finally {
                writing.set(false);
                runner.close();
            }
        }
    }

    private static int countSeen(Map<Integer, List<Event>> byKey) {
        return byKey.values().stream().mapToInt(List::size).sum();
    }

    /** Commits small transactions: counter increments on 1 to 3 random keys, now and then a new row. */
    private static void write(PostgresServer pg, int seed, AtomicBoolean writing, AtomicInteger commits,
                              AtomicReference<Throwable> failure) {
        Random random = new Random(seed);
        try (Connection c = pg.connect("postgres");
                PreparedStatement update = c.prepareStatement("UPDATE counters SET v = v + 1 WHERE id = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO counters VALUES (?, 0)")) {
            c.setAutoCommit(false);
            int nextId = ROWS + 1 + seed * 1_000_000;
            while (writing.get()) {
                int n = seed == 0 ? 1 + random.nextInt(3) : 1;
                List<Integer> ids = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ids.add(1 + random.nextInt(ROWS));
                }
                ids.sort(null); // one lock order for every transaction: no deadlocks between the writers
                for (int id : ids) {
                    update.setInt(1, id);
                    update.executeUpdate();
                }
                if (random.nextInt(10) == 0) {
                    insert.setInt(1, nextId++);
                    insert.executeUpdate();
                }
                c.commit();
                commits.incrementAndGet();
                Thread.sleep(2); // a steady stream of commits, without starving the connector of CPU
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }
}
