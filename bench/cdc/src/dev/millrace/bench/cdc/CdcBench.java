package dev.millrace.bench.cdc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;
import dev.millrace.connect.postgres.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Millrace's PostgreSQL connector against Debezium's embedded engine on one private PostgreSQL and one in-process
 * Millrace broker, in one run, alternating the two over rounds. Cases: the initial snapshot of a large table
 * (rows/s), streaming of single-row changes committed by concurrent clients (events/s, end-to-end lag), and the
 * drain of a backlog of changes committed while the engine was stopped (events/s: the connector's own capacity).
 * Prints a table and writes every figure as JSON. See bench/README.md.
 */
public final class CdcBench {
    private static final String SNAP = "snap";
    private static final String STREAM = "stream_t";

    private final Options o;
    private final PostgresServer pg;
    private final MillraceServer broker;
    private final Path work;
    private final List<Map<String, Object>> runs = new ArrayList<>();
    private int runNo;
    private DebeziumCdc debezium;

    /** {@code pacedChanges} at {@code pacedRate} changes/s: the lag phase, below both implementations' capacity. */
    record Options(int snapshotRows, int changes, int clients, int pacedChanges, int pacedRate, int rounds,
            boolean control, Path out, String commit, String debeziumClasspath, List<String> cases,
            List<String> engines, boolean producerMetrics) {
        static Options parse(String[] args) {
            boolean quick = false;
            boolean control = false;
            int rounds = 3;
            List<String> cases = List.of("snapshot", "streaming");
            List<String> engines = List.of("millrace", "debezium");
            boolean producerMetrics = false;
            Path out = Path.of("bench/results/cdc.json");
            String commit = "unknown";
            String debezium = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--control" -> control = true;
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    case "--commit" -> commit = args[++i];
                    case "--debezium-classpath" -> debezium = args[++i];
                    case "--cases" -> cases = subset(args[++i], List.of("snapshot", "streaming"));
                    case "--engines" -> engines = subset(args[++i], List.of("millrace", "debezium"));
                    case "--producer-metrics" -> producerMetrics = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (--quick, --control, --rounds N, --out FILE, --cases snapshot,streaming,"
                            + " --engines millrace,debezium, --producer-metrics)");
                }
            }
            if (control && !engines.contains("debezium")) {
                throw new IllegalArgumentException("--control needs Debezium among --engines");
            }
            if (debezium == null) {
                throw new IllegalArgumentException("--debezium-classpath is needed (bench/cdc/run.sh sets it)");
            }
            return quick ? new Options(100_000, 20_000, 4, 5_000, 1_000, rounds, control, out, commit, debezium,
                    cases, engines, producerMetrics)
                    : new Options(1_000_000, 200_000, 4, 20_000, 1_000, rounds, control, out, commit, debezium,
                    cases, engines, producerMetrics);
        }

        /** A comma-separated subset of {@code all}, kept in {@code all}'s order. */
        private static List<String> subset(String arg, List<String> all) {
            List<String> named = List.of(arg.split(","));
            for (String n : named) {
                if (!all.contains(n)) {
                    throw new IllegalArgumentException("unknown name " + n + " (one of " + all + ")");
                }
            }
            return all.stream().filter(named::contains).toList();
        }
    }

    private CdcBench(Options o, PostgresServer pg, MillraceServer broker, Path work) {
        this.o = o;
        this.pg = pg;
        this.broker = broker;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path work = Files.createTempDirectory("millrace-cdc-bench-");
        try (PostgresServer pg = PostgresServer.start();
                MillraceServer broker = MillraceServer.start(BrokerConfig.parse(Map.of(
                        "listeners", "PLAINTEXT://127.0.0.1:0", "log.dirs", work.resolve("logs").toString())))) {
            new CdcBench(o, pg, broker, work).run();
        } finally {
            deleteTree(work); // a full run leaves tens of GB of broker logs and Debezium state behind otherwise
        }
        System.exit(0); // engines' non-daemon leftovers must not keep the JVM alive
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void run() throws Exception {
        long started = System.currentTimeMillis();
        log("PostgreSQL on port %d, broker on %s, load average %s", pg.port(), broker.bootstrapServers(), load());
        prepareTables();
        if (o.engines().contains("debezium")) {
            debezium = DebeziumCdc.launch(broker.bootstrapServers(), work.resolve("debezium"), o.debeziumClasspath());
        }
        for (int round = 1; round <= o.rounds(); round++) {
            List<String> order = round % 2 == 1 ? List.of("millrace", "debezium") : List.of("debezium", "millrace");
            for (String engine : order) {
                if (o.engines().contains(engine)) {
                    runCases(round, engine);
                }
            }
        }
        if (o.control()) {
            runCases(0, "debezium");
            runCases(0, "debezium-b");
        }
        if (debezium != null) {
            debezium.shutdown();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("time", Instant.ofEpochMilli(started).toString());
        result.put("seconds", (System.currentTimeMillis() - started) / 1000);
        result.put("machine", machine());
        result.put("options", Map.of("snapshot_rows", o.snapshotRows(), "changes", o.changes(),
                "clients", o.clients(), "paced_changes", o.pacedChanges(), "paced_rate", o.pacedRate(),
                "rounds", o.rounds(), "control", o.control(), "cases", o.cases(), "engines", o.engines()));
        result.put("millrace_commit", o.commit());
        result.put("summary", summary());
        result.put("runs", runs);
        Files.createDirectories(o.out().toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o.out().toFile(), result);
        log("results: %s", o.out());
    }

    private void prepareTables() {
        long t = System.currentTimeMillis();
        String columns = "(id bigint PRIMARY KEY, name text NOT NULL, qty int NOT NULL, price numeric(10,2),"
                + " active boolean, updated timestamptz)";
        pg.sql("CREATE TABLE " + SNAP + " " + columns, "CREATE TABLE " + STREAM + " " + columns,
                "INSERT INTO " + SNAP + " SELECT g, 'item-' || g, g % 1000, (g % 100000) / 100.0, g % 2 = 0,"
                        + " now() FROM generate_series(1, " + o.snapshotRows() + ") g",
                "VACUUM ANALYZE " + SNAP);
        if (!o.cases().contains("snapshot")) {
            // the snapshot case's connector creates it otherwise; a slot created before it could not stream
            pg.sql("CREATE PUBLICATION dbz_publication FOR ALL TABLES");
        }
        log("loaded %,d rows into %s in %d ms", o.snapshotRows(), SNAP, System.currentTimeMillis() - t);
    }

    private void runCases(int round, String engine) throws Exception {
        runNo++;
        String prefix = "r" + runNo + engine.replace("-", "");
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("round", round);
        run.put("engine", engine);
        if (o.cases().contains("snapshot")) {
            run.put("snapshot", snapshotCase(engine, prefix + "s"));
        }
        if (o.cases().contains("streaming")) {
            Map<String, Object> backlog = new LinkedHashMap<>();
            run.put("streaming", streamingCase(engine, prefix + "c", backlog));
            run.put("backlog", backlog);
        }
        runs.add(run);
    }

    private Map<String, Object> snapshotCase(String engine, String prefix) throws Exception {
        String topic = prefix + ".public." + SNAP;
        createTopic(topic);
        Map<String, String> config = config(prefix, SNAP, "initial");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("load_before", load());
        try (TopicWatcher watcher = new TopicWatcher(broker.bootstrapServers(), topic, false);
                CdcEngine cdc = engine(engine)) {
            long t0 = System.currentTimeMillis();
            cdc.start(prefix, config);
            if (!watcher.awaitCount(o.snapshotRows(), 1_800_000, () -> { })) {
                throw new IllegalStateException(engine + " snapshot: only " + watcher.count() + " rows arrived");
            }
            long ms = watcher.lastMs() - t0;
            r.put("rows", o.snapshotRows());
            r.put("ms", ms);
            r.put("rows_per_s", o.snapshotRows() * 1000.0 / ms);
            r.put("first_row_ms", watcher.firstMs() - t0);
            r.put("rows_per_s_after_first", o.snapshotRows() * 1000.0 / Math.max(1, watcher.lastMs()
                    - watcher.firstMs()));
            if (o.producerMetrics() && cdc instanceof MillraceCdc m) {
                r.put("producer", m.producerMetrics());
                log("%-10s producer %s", engine, r.get("producer"));
            }
        }
        dropSlot(prefix);
        r.put("load_after", load());
        log("%-10s snapshot  %,9.0f rows/s (%,d ms, first row after %,d ms), load %s", engine, r.get("rows_per_s"),
                r.get("ms"), r.get("first_row_ms"), r.get("load_after"));
        return r;
    }

    /** Streaming under writers, then the paced lag phase, then the backlog case into {@code backlog}. */
    private Map<String, Object> streamingCase(String engine, String prefix, Map<String, Object> backlog)
            throws Exception {
        String topic = prefix + ".public." + STREAM;
        createTopic(topic);
        Map<String, String> config = config(prefix, STREAM, "no_data");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("load_before", load());
        long idBase = runNo * 1_000_000_000L;
        try (TopicWatcher watcher = new TopicWatcher(broker.bootstrapServers(), topic, true);
                CdcEngine cdc = engine(engine)) {
            // the slot exists before the first marker, so every marker is captured whenever the engine gets going
            pg.sql("SELECT pg_create_logical_replication_slot('" + prefix + "', 'pgoutput')");
            cdc.start(prefix, config);
            // markers until the first arrives: from then on the engine streams
            long[] markers = {0};
            long t0 = System.currentTimeMillis();
            if (!watcher.awaitCount(1, 300_000, () -> {
                if (System.currentTimeMillis() - t0 >= markers[0] * 200) {
                    markers[0]++;
                    pg.sql("INSERT INTO " + STREAM + " VALUES (" + (idBase - markers[0])
                            + ", 'marker', 0, 0, false, now())");
                }
            })) {
                throw new IllegalStateException(engine + " streaming did not start within 300 s");
            }
            if (!watcher.awaitCount(markers[0], 60_000, () -> { })) {
                throw new IllegalStateException(engine + ": markers lost");
            }
            long start = System.currentTimeMillis();
            long writeMs = ChangeWriters.run(pg.jdbcUrl("postgres"), STREAM, o.clients(), o.changes(), idBase);
            if (!watcher.awaitCount(markers[0] + o.changes(), 1_800_000, () -> { })) {
                throw new IllegalStateException(engine + " streaming: only " + watcher.count() + " events arrived");
            }
            long ms = watcher.lastMs() - start;
            long[] lags = watcher.sortedLags((int) markers[0]);
            r.put("changes", o.changes());
            r.put("clients", o.clients());
            r.put("ms", ms);
            r.put("events_per_s", o.changes() * 1000.0 / ms);
            r.put("writers_ms", writeMs);
            r.put("writers_commits_per_s", o.changes() * 1000.0 / writeMs);
            r.put("full_load_lag_p50_ms", percentile(lags, 0.50));
            r.put("full_load_lag_p99_ms", percentile(lags, 0.99));
            // the lag phase: a steady rate both keep up with, so lag is the path's delay, not a backlog
            long before = markers[0] + o.changes();
            ChangeWriters.run(pg.jdbcUrl("postgres"), STREAM, o.clients(), o.pacedChanges(), idBase + 50_000_000L,
                    o.pacedRate());
            if (!watcher.awaitCount(before + o.pacedChanges(), 600_000, () -> { })) {
                throw new IllegalStateException(engine + " paced streaming: only " + watcher.count() + " events");
            }
            long[] paced = watcher.sortedLags((int) before);
            r.put("paced_changes", o.pacedChanges());
            r.put("paced_rate", o.pacedRate());
            r.put("lag_samples", paced.length);
            r.put("lag_p50_ms", percentile(paced, 0.50));
            r.put("lag_p99_ms", percentile(paced, 0.99));
            r.put("lag_max_ms", paced.length == 0 ? 0 : paced[paced.length - 1]);
            backlog.putAll(backlogCase(engine, cdc, watcher, before + o.pacedChanges(), idBase + 25_000_000L));
        }
        dropSlot(prefix);
        pg.sql("TRUNCATE " + STREAM);
        r.put("load_after", load());
        log("%-10s streaming %,9.0f events/s (writers %,.0f commits/s, lag p50 %d p99 %d ms); at %d/s lag p50 %d ms"
                + " p99 %d ms, load %s", engine, r.get("events_per_s"), r.get("writers_commits_per_s"),
                r.get("full_load_lag_p50_ms"), r.get("full_load_lag_p99_ms"), o.pacedRate(), r.get("lag_p50_ms"),
                r.get("lag_p99_ms"), r.get("load_after"));
        return r;
    }

    /**
     * The connector's own capacity, without the writers in the way: stopped cleanly while streaming, it misses
     * {@code changes} commits, which wait in its slot; restarted, it resumes from its stored offsets and drains
     * them. Timed from the restart request to the last of those changes read.
     */
    private Map<String, Object> backlogCase(String engine, CdcEngine cdc, TopicWatcher watcher, long read,
            long idBase) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        cdc.stop();
        long writeMs = ChangeWriters.run(pg.jdbcUrl("postgres"), STREAM, o.clients(), o.changes(), idBase);
        long readWhileStopped = watcher.count() - read;
        r.put("load_before", load());
        long t0 = System.currentTimeMillis();
        cdc.restart();
        if (!watcher.awaitCount(read + readWhileStopped + 1, 300_000, () -> { })) {
            throw new IllegalStateException(engine + " backlog: nothing arrived within 300 s of the restart");
        }
        long firstMs = System.currentTimeMillis() - t0;
        if (!watcher.awaitCount(read + o.changes(), 1_800_000, () -> { })) {
            throw new IllegalStateException(engine + " backlog: only " + (watcher.count() - read) + " of "
                    + o.changes() + " events arrived");
        }
        long ms = watcher.lastMs() - t0;
        Thread.sleep(1_000); // anything read beyond the backlog is a change delivered twice across the restart
        r.put("changes", o.changes());
        r.put("writers_ms", writeMs);
        r.put("read_while_stopped", readWhileStopped);
        r.put("ms", ms);
        r.put("events_per_s", o.changes() * 1000.0 / ms);
        r.put("first_event_ms", firstMs);
        r.put("events_per_s_after_first", o.changes() * 1000.0 / Math.max(1, ms - firstMs));
        r.put("duplicates", watcher.count() - read - o.changes());
        r.put("load_after", load());
        log("%-10s backlog   %,9.0f events/s (%,d changes in %,d ms from the restart, first after %,d ms,"
                + " %d duplicates), load %s", engine, r.get("events_per_s"), o.changes(), ms, firstMs,
                r.get("duplicates"), r.get("load_after"));
        return r;
    }

    /** Debezium's keys; everything not named here is each implementation's default. */
    private Map<String, String> config(String prefix, String table, String snapshotMode) {
        Map<String, String> c = new HashMap<>();
        c.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        c.put("database.hostname", pg.host());
        c.put("database.port", String.valueOf(pg.port()));
        c.put("database.user", "postgres");
        c.put("database.password", "");
        c.put("database.dbname", "postgres");
        c.put("topic.prefix", prefix);
        c.put("table.include.list", "public\\." + table);
        c.put("snapshot.mode", snapshotMode);
        c.put("slot.name", prefix);
        c.put("plugin.name", "pgoutput"); // Debezium's default is decoderbufs, a server extension not installed here
        return c;
    }

    private CdcEngine engine(String name) {
        return switch (name) {
            case "millrace" -> new MillraceCdc(broker.bootstrapServers(), "connect-" + runNo + "-" + System.nanoTime());
            case "debezium", "debezium-b" -> debezium.as(name);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    /** Drops the run's slot once its engine let go of it, so no slot holds WAL back for later runs. */
    private void dropSlot(String slot) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '"
                            + slot + "'")) {
                if (!rs.next()) {
                    return;
                }
                if (!rs.getBoolean(1)) {
                    s.execute("SELECT pg_drop_replication_slot('" + slot + "')");
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("slot " + slot + " still active 60 s after its engine stopped");
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Per case and figure: each engine's median, min and max over rounds, and the ratio of the medians. */
    private List<Map<String, Object>> summary() {
        List<Map<String, Object>> rows = new ArrayList<>();
        String[][] figures = {{"snapshot", "rows_per_s", "higher"}, {"streaming", "events_per_s", "higher"},
            {"streaming", "writers_commits_per_s", "higher"}, {"streaming", "full_load_lag_p50_ms", "lower"},
            {"streaming", "full_load_lag_p99_ms", "lower"}, {"streaming", "lag_p50_ms", "lower"},
            {"streaming", "lag_p99_ms", "lower"}, {"backlog", "events_per_s", "higher"},
            {"backlog", "events_per_s_after_first", "higher"}, {"backlog", "first_event_ms", "lower"}};
        System.out.println();
        System.out.println("| Case | Figure | Debezium 3.6.1, median (min-max) | Millrace, median (min-max)"
                + " | Millrace/Debezium | better |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (String[] f : figures) {
            double[] m = values("millrace", f[0], f[1]);
            double[] d = values("debezium", f[0], f[1]);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("case", f[0]);
            row.put("figure", f[1]);
            row.put("millrace", stats(m));
            row.put("debezium", stats(d));
            row.put("ratio", median(m) / median(d));
            row.put("better", f[2]);
            if (o.control()) {
                row.put("control_ratio", median(values("debezium-b", f[0], f[1]))
                        / median(controlValues(f[0], f[1])));
            }
            rows.add(row);
            System.out.printf("| %s | %s | %s | %s | **%.2f** | %s |%n", f[0], f[1], fmt(d), fmt(m),
                    median(m) / median(d), f[2]);
        }
        if (o.control()) {
            System.out.println("control (round 0, Debezium B / Debezium A): " + rows.stream()
                    .map(r -> r.get("figure") + String.format(" %.2f", (Double) r.get("control_ratio"))).toList());
        }
        return rows;
    }

    private double[] controlValues(String kase, String figure) {
        return select(r -> "debezium".equals(r.get("engine")) && ((int) r.get("round")) == 0, kase, figure);
    }

    private double[] values(String engine, String kase, String figure) {
        return select(r -> engine.equals(r.get("engine")) && ((int) r.get("round")) > 0
                || engine.equals("debezium-b") && engine.equals(r.get("engine")), kase, figure);
    }

    @SuppressWarnings("unchecked")
    private double[] select(Function<Map<String, Object>, Boolean> which, String kase, String figure) {
        return runs.stream().filter(which::apply).filter(r -> r.containsKey(kase))
                .mapToDouble(r -> ((Number) ((Map<String, Object>) r.get(kase)).get(figure)).doubleValue())
                .toArray();
    }

    private static Map<String, Object> stats(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return Map.of("median", median(v), "min", s.length == 0 ? Double.NaN : s[0],
                "max", s.length == 0 ? Double.NaN : s[s.length - 1], "values", v);
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String fmt(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? "-" : String.format("%,.0f (%,.0f-%,.0f)", median(v), s[0], s[s.length - 1]);
    }

    private static Map<String, Object> machine() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("load_average_end", load());
        return m;
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "?";
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[%tT] " + format + "%n", prepend(System.currentTimeMillis(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
