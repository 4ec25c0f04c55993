package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.server.MillraceServer;
import dev.millrace.connect.postgres.TopicReader.Event;
import dev.millrace.connect.runtime.ConnectMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of the standalone connector process ({@code ConnectMain}, the runtime of {@code bin/millrace connect}) in
 * the middle of streaming, while a writer keeps inserting, then a restart on the same worker topics: every inserted
 * row must reach the topic (repeats are allowed, losses are not), because the slot is only confirmed up to what the
 * broker acknowledged and the restarted task resumes from the stored offset.
 */
class PostgresCrashResumeTest {
    @TempDir
    Path dir;
    private final List<Path> logs = new java.util.ArrayList<>();
    private int processes;

    @Test
    void noChangeIsLostWhenTheConnectorProcessIsKilledMidStream() throws Exception {
        try (PostgresServer pg = PostgresServer.start(); MillraceServer broker = CdcTestSupport.broker(dir)) {
            pg.sql("CREATE TABLE events (id int PRIMARY KEY, note text)");
            Path worker = dir.resolve("worker.properties");
            Files.writeString(worker, String.join("\n", "bootstrap.servers=" + broker.bootstrapServers(),
                    "rest.port=0", "offset.flush.interval.ms=200",
                    "key.converter.schemas.enable=false", "value.converter.schemas.enable=false", ""));
            Path connector = dir.resolve("pg.properties");
            StringBuilder props = new StringBuilder("name=pg\ntasks.max=1\n");
            Map<String, String> config = CdcTestSupport.config(pg, "postgres", "crash");
            config.put("table.include.list", "public\\.events");
            config.forEach((k, v) -> props.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
            Files.writeString(connector, props);

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<Throwable> writerFailure = new AtomicReference<>();
            int[] lastId = {0};
            Thread writer = new Thread(() -> {
                try (Connection c = pg.connect("postgres");
                        PreparedStatement insert = c.prepareStatement("INSERT INTO events VALUES (?, 'n')")) {
                    c.setAutoCommit(false);
                    while (writing.get()) {
                        int rows = 1 + lastId[0] % 3; // transactions of 1 to 3 rows
                        for (int i = 0; i < rows; i++) {
                            insert.setInt(1, ++lastId[0]);
                            insert.executeUpdate();
                        }
                        c.commit();
                        Thread.sleep(1);
                    }
                } catch (Throwable t) {
                    writerFailure.set(t);
                }
            }, "writer");

            Process first = startConnect(worker, connector);
            try (TopicReader reader = new TopicReader(broker.bootstrapServers(), "crash.public.events")) {
                writer.start();
                reader.readAtLeast(600, 90_000);
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no offset flush, no slot confirmation
                assertTrue(first.waitFor(30, TimeUnit.SECONDS));
                int idAtKill = lastId[0];
                // PostgreSQL releases the slot when it sees the dead connection's socket close
                CdcTestSupport.await("the slot to be released", 30_000, () -> !slotActive(pg, "debezium"));
                Thread.sleep(500); // changes committed while no connector runs
                Process second = startConnect(worker, connector);
                try {
                    Thread.sleep(1500);
                    writing.set(false);
                    writer.join();
                    assertNull(writerFailure.get());
                    assertTrue(lastId[0] > idAtKill, "rows were inserted while the connector was down and after");
                    Set<Integer> expected = ids(pg);
                    Set<Integer> seen = new HashSet<>();
                    List<Event> events;
                    try {
                        events = reader.readUntil(all -> {
                            seen.clear();
                            // rows committed before the slot existed come with the snapshot (op "r")
                            all.stream().filter(e -> e.value() != null && ("c".equals(e.op()) || "r".equals(e.op())))
                                    .forEach(e -> seen.add(e.after().get("id").asInt()));
                            return seen.containsAll(expected);
                        }, 120_000);
                    } catch (AssertionError e) {
                        Set<Integer> missing = new TreeSet<>(expected);
                        missing.removeAll(seen);
                        throw new AssertionError(e.getMessage() + "; missing " + missing.size() + " ids from "
                                + (missing.isEmpty() ? "-" : ((TreeSet<Integer>) missing).first()) + logTails(), e);
                    }
                    Set<Integer> missing = new TreeSet<>(expected);
                    missing.removeAll(seen);
                    assertEquals(Set.of(), missing, "no committed insert is lost");
                    long creates = events.stream().filter(e -> "c".equals(e.op()) || "r".equals(e.op())).count();
                    System.out.printf("crash/resume: %d rows inserted, %d create and read events (%d repeated), killed at"
                            + " row %d%n", expected.size(), creates, creates - expected.size(), idAtKill);
                } finally {
                    second.destroyForcibly();
                    second.waitFor(30, TimeUnit.SECONDS);
                }
            } finally {
                writing.set(false);
                first.destroyForcibly();
            }
        }
    }

    private Process startConnect(Path worker, Path connector) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("connect-" + (++processes) + ".log");
        logs.add(log);
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ConnectMain.class.getName(), "--config", worker.toString(), connector.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        CdcTestSupport.await("the connect process to start", 120_000,
                () -> !p.isAlive() || Files.readString(log).contains("Millrace connect started"));
        if (!p.isAlive()) {
            throw new AssertionError("the connect process exited " + p.exitValue() + ":\n" + Files.readString(log));
        }
        return p;
    }

    /** The tail of each connect process's output, for failure messages. */
    private String logTails() {
        StringBuilder b = new StringBuilder();
        for (Path log : logs) {
            try {
                List<String> lines = Files.readAllLines(log);
                b.append("\n--- ").append(log.getFileName()).append(" ---\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            } catch (Exception e) {
                b.append("\n(no ").append(log).append(")");
            }
        }
        return b.toString();
    }

    private static boolean slotActive(PostgresServer pg, String slot) throws Exception {
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static Set<Integer> ids(PostgresServer pg) throws Exception {
        Set<Integer> ids = new HashSet<>();
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM events")) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }
}
