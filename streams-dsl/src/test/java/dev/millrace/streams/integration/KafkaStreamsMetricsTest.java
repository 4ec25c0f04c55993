package dev.millrace.streams.integration;

import dev.millrace.streams.KafkaStreams;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.millrace.streams.integration.RuntimeTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runtime's metrics against a real in-process broker: values after processing, names, groups and tags as Kafka
 * Streams 4.4 has them (a transcribed table, and Kafka Streams itself run on the same topology and broker), JMX, the
 * recording levels and removal on close.
 */
class KafkaStreamsMetricsTest {
    /**
     * Kafka Streams 4.4 metrics this runtime does not register (it has no state-updater thread, no record-cache
     * metrics, no RocksDB statistics and no thread state machine yet); the oracle test checks this list is exact.
     */
    static final Set<String> NOT_IMPLEMENTED_GROUPS = Set.of("stream-record-cache-metrics", "stream-state-updater-metrics");
    static final Set<String> NOT_IMPLEMENTED = new TreeSet<>(List.of(
            "stream-task-metrics cache-size-bytes-total",
            "stream-state-metrics commit-latency-avg", "stream-state-metrics commit-latency-max",
            "stream-state-metrics commit-rate", "stream-state-metrics uncommitted-bytes"));
    static final List<String> ROCKSDB_STATISTICS = List.of("background-errors", "block-cache-capacity",
            "block-cache-data-hit-ratio", "block-cache-filter-hit-ratio", "block-cache-index-hit-ratio",
            "block-cache-pinned-usage", "block-cache-usage", "bytes-read-compaction-rate", "bytes-read-rate", "bytes-read-total",
            "bytes-written-compaction-rate", "bytes-written-rate", "bytes-written-total", "compaction-pending",
            "compaction-time-avg", "compaction-time-max", "compaction-time-min", "cur-size-active-mem-table",
            "cur-size-all-mem-tables", "estimate-num-keys", "estimate-pending-compaction-bytes", "estimate-table-readers-mem",
            "live-sst-files-size", "mem-table-flush-pending", "memtable-bytes-flushed-rate", "memtable-bytes-flushed-total",
            "memtable-flush-time-avg", "memtable-flush-time-max", "memtable-flush-time-min", "memtable-hit-ratio",
            "num-deletes-active-mem-table", "num-deletes-imm-mem-tables", "num-entries-active-mem-table",
            "num-entries-imm-mem-tables", "num-immutable-mem-table", "num-live-versions", "num-running-compactions",
            "num-running-flushes", "number-file-errors-total", "number-open-files", "size-all-mem-tables",
            "total-sst-files-size", "write-stall-duration-avg", "write-stall-duration-total");

    static {
        for (String s : ROCKSDB_STATISTICS) NOT_IMPLEMENTED.add("stream-state-metrics " + s);
    }

    @RegisterExtension
    static final InProcessBroker BROKER = new InProcessBroker();

    @TempDir
    Path stateDir;

    private static List<String[]> records(int n) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new String[] {"k" + i, "v" + (i % 7)});
        return out;
    }

    private Properties props(String appId, String level, int threads) {
        Properties p = config(BROKER.bootstrap(), appId, stateDir.resolve(appId));
        p.put("metrics.recording.level", level);
        p.put("num.stream.threads", String.valueOf(threads));
        return p;
    }

    /** The sum of the metric's values over every tag set that includes {@code tags}. */
    static double sum(Map<MetricName, ? extends Metric> metrics, String group, String name, Map<String, String> tags) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName n = e.getKey();
            if (n.group().equals(group) && n.name().equals(name) && n.tags().entrySet().containsAll(tags.entrySet())) {
                total += ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        return total;
    }

    static double threadProcessTotal(Map<MetricName, ? extends Metric> metrics) {
        return sum(metrics, "stream-thread-metrics", "process-total", Map.of());
    }

    /** A metric as the tables compare it: group, name and tags, with the tag values that name a run made neutral. */
    static String normalized(MetricName n, String applicationId) {
        Map<String, String> tags = new TreeMap<>();
        for (Map.Entry<String, String> t : n.tags().entrySet()) {
            String v = switch (t.getKey()) {
                case "thread-id" -> "T";
                case "client-id" -> "C";
                case "process-id" -> "P";
                case "application-id" -> "A";
                default -> t.getValue().replace(applicationId, "APP");
            };
            tags.put(t.getKey(), v);
        }
        return n.group() + " " + n.name() + " " + tags;
    }

    static Map<String, String> streamMetrics(Map<MetricName, ? extends Metric> metrics, String applicationId) {
        Map<String, String> out = new TreeMap<>();
        for (MetricName n : metrics.keySet()) {
            if (n.group().startsWith("stream")) out.put(normalized(n, applicationId), n.description());
        }
        return out;
    }

    /** After N records through two threads, the threads' process-total adds up to N, as do the tasks' and sources'. */
    @Test
    void processTotalCountsEveryRecordAcrossThreads() throws Exception {
        createTopic(BROKER.bootstrap(), "m-pt-in", 4);
        try (KafkaStreams streams = new KafkaStreams(MillraceMetricsPrograms.passThrough("m-pt-in", "m-pt-out"),
                props("m-pt", "DEBUG", 2))) {
            streams.start();
            // the records go in once both threads run two tasks each: a task that moves to another thread starts its
            // task-level metrics afresh there (as in Kafka Streams), the threads' totals would still add up
            waitUntil("two tasks per thread", 60_000, () -> streams.state() == KafkaStreams.State.RUNNING
                    && streams.localThreadsTasks().size() == 2
                    && streams.localThreadsTasks().values().stream().allMatch(tasks -> tasks.size() == 2));
            produce(BROKER.bootstrap(), "m-pt-in", records(200));
            waitUntil("200 records processed", 60_000, () -> threadProcessTotal(streams.metrics()) >= 200);
            Thread.sleep(500);
            Map<MetricName, ? extends Metric> metrics = streams.metrics();
            assertEquals(200.0, threadProcessTotal(metrics));
            assertEquals(200.0, sum(metrics, "stream-task-metrics", "process-total", Map.of()));
            assertEquals(200.0, sum(metrics, "stream-processor-node-metrics", "process-total",
                    Map.of("processor-node-id", "KSTREAM-SOURCE-0000000000")));
            for (String thread : streams.localThreadsTasks().keySet()) {
                assertTrue(sum(metrics, "stream-thread-metrics", "poll-total", Map.of("thread-id", thread)) > 0, thread);
            }
            assertEquals(4.0, sum(metrics, "stream-thread-metrics", "task-created-total", Map.of())
                    - sum(metrics, "stream-thread-metrics", "task-closed-total", Map.of()));
            assertEquals(200.0, sum(metrics, "stream-topic-metrics", "records-consumed-total", Map.of("topic", "m-pt-in")));
            assertEquals(200.0, sum(metrics, "stream-topic-metrics", "records-produced-total", Map.of("topic", "m-pt-out")));
            // key "k<i>" and value "v<j>" (2-4 bytes each), timestamp, offset, partition and the topic name, no headers
            double bytes = 0;
            for (String[] kv : records(200)) bytes += kv[0].length() + kv[1].length() + 8 + 8 + 4 + "m-pt-in".length();
            assertEquals(bytes, sum(metrics, "stream-topic-metrics", "bytes-consumed-total", Map.of("topic", "m-pt-in")));
            assertEquals(200, readAll(BROKER.bootstrap(), "m-pt-out", new StringDeserializer()).size());
            // the embedded clients' metrics are there too, as in Kafka Streams
            assertTrue(metrics.keySet().stream().anyMatch(n -> n.group().equals("consumer-metrics")));
            assertTrue(metrics.keySet().stream().anyMatch(n -> n.group().equals("producer-metrics")));
            assertTrue(metrics.keySet().stream().anyMatch(n -> n.group().equals("admin-client-metrics")));
        }
    }

    /** Transcribed from Kafka Streams 4.4 running countByValue (RocksDB store "counts", tasks 0_0 and 1_0) at DEBUG. */
    static final List<String> COUNT_BY_VALUE_TABLE = List.of(
            "stream-metrics [client-id]: version commit-id application-id topology-description state alive-stream-threads failed-stream-threads",
            "stream-metrics [application-id, client-id, process-id]: client-state",
            "stream-metrics [client-id, process-id]: recording-level",
            "stream-thread-metrics [thread-id]: commit-latency-avg commit-latency-max commit-rate commit-total commit-ratio "
                    + "poll-latency-avg poll-latency-max poll-rate poll-total poll-ratio poll-records-avg poll-records-max "
                    + "process-latency-avg process-latency-max process-rate process-total process-ratio process-records-avg "
                    + "process-records-max punctuate-latency-avg punctuate-latency-max punctuate-rate punctuate-total "
                    + "punctuate-ratio task-created-rate task-created-total task-closed-rate task-closed-total "
                    + "blocked-time-ns-total thread-start-time state",
            "stream-thread-metrics [process-id, thread-id]: thread-state",
            "stream-task-metrics [task-id, thread-id]: active-buffer-count active-process-ratio dropped-records-rate "
                    + "dropped-records-total enforced-processing-rate enforced-processing-total process-latency-avg "
                    + "process-latency-max process-rate process-total punctuate-latency-avg punctuate-latency-max "
                    + "punctuate-rate punctuate-total record-lateness-avg record-lateness-max restore-rate restore-total "
                    + "restore-remaining-records-total",
            "stream-processor-node-metrics [processor-node-id, task-id, thread-id]: process-rate process-total "
                    + "record-e2e-latency-avg record-e2e-latency-min record-e2e-latency-max",
            "stream-topic-metrics [processor-node-id, task-id, thread-id, topic]: records-consumed-total "
                    + "bytes-consumed-total records-produced-total bytes-produced-total",
            "stream-state-metrics [rocksdb-state-id, task-id, thread-id]: put-rate put-latency-avg put-latency-max "
                    + "put-if-absent-rate put-if-absent-latency-avg put-if-absent-latency-max put-all-rate "
                    + "put-all-latency-avg put-all-latency-max get-rate get-latency-avg get-latency-max delete-rate "
                    + "delete-latency-avg delete-latency-max range-rate range-latency-avg range-latency-max all-rate "
                    + "all-latency-avg all-latency-max prefix-scan-rate prefix-scan-latency-avg prefix-scan-latency-max "
                    + "flush-rate flush-latency-avg flush-latency-max restore-rate restore-latency-avg restore-latency-max "
                    + "record-e2e-latency-avg record-e2e-latency-min record-e2e-latency-max num-open-iterators "
                    + "iterator-duration-avg iterator-duration-max oldest-iterator-open-since-ms");

    /** Every stream-level metric has a group, name and tag keys of the table, and every row of the table is there. */
    @Test
    void namesGroupsAndTagsAreKafkaStreams() throws Exception {
        createTopic(BROKER.bootstrap(), "m-tbl-in", 1);
        produce(BROKER.bootstrap(), "m-tbl-in", records(20));
        try (KafkaStreams streams = new KafkaStreams(MillraceMetricsPrograms.countByValue("m-tbl-in", "m-tbl-out"),
                props("m-tbl", "DEBUG", 1))) {
            streams.start();
            waitUntil("records processed", 60_000, () -> threadProcessTotal(streams.metrics()) >= 40);
            Set<String> expected = new TreeSet<>();
            for (String row : COUNT_BY_VALUE_TABLE) {
                String[] groupAndNames = row.split(": ");
                for (String name : groupAndNames[1].split(" ")) {
                    String[] groupTags = groupAndNames[0].split(" ", 2);
                    expected.add(groupTags[0] + " " + name + " " + groupTags[1]);
                }
            }
            Set<String> actual = new TreeSet<>();
            for (MetricName n : streams.metrics().keySet()) {
                if (n.group().startsWith("stream")) actual.add(n.group() + " " + n.name() + " " + new TreeSet<>(n.tags().keySet()));
            }
            assertEquals(expected, actual);
            // the tag values: thread-id is the thread's name, the store tag names the store, nodes as describe() has them
            String thread = streams.localThreadsTasks().keySet().iterator().next();
            Map<MetricName, ? extends Metric> metrics = streams.metrics();
            assertTrue(sum(metrics, "stream-state-metrics", "put-rate", Map.of("thread-id", thread, "task-id", "1_0",
                    "rocksdb-state-id", "counts")) > 0);
            // record-e2e-latency on the source and terminal nodes of each sub-topology, recorded at INFO already; the
            // output sink sees the counts when the cache flushes them, at the next commit
            waitUntil("counts flushed to the sink", 10_000, () -> sinkE2ELatencyRecorded(streams));
            metrics = streams.metrics();
            Set<String> e2eNodes = new TreeSet<>();
            for (MetricName n : metrics.keySet()) {
                if (n.name().equals("record-e2e-latency-max") && n.group().equals("stream-processor-node-metrics")) {
                    e2eNodes.add(n.tags().get("processor-node-id"));
                    assertFalse(Double.isNaN((Double) metrics.get(n).metricValue()), n.toString());
                }
            }
            assertEquals(Set.of("KSTREAM-SOURCE-0000000000", "counts-repartition-sink", "counts-repartition-source",
                    sinkName()), e2eNodes);
        }
    }

    private static boolean sinkE2ELatencyRecorded(KafkaStreams streams) {
        return !Double.isNaN(sum(streams.metrics(), "stream-processor-node-metrics", "record-e2e-latency-max",
                Map.of("processor-node-id", sinkName())));
    }

    /** The output sink's generated name, from describe(). */
    private static String sinkName() {
        String description = MillraceMetricsPrograms.countByValue("in", "out").describe().toString();
        int at = description.indexOf("Sink: KSTREAM-SINK-");
        return description.substring(at + "Sink: ".length(), description.indexOf(' ', at + "Sink: ".length()));
    }

    /**
     * The oracle: Kafka Streams 4.4 runs the same topology against the same broker; its stream-level metrics (names,
     * groups, tags, descriptions) equal ours but for the {@link #NOT_IMPLEMENTED} list, at INFO and at DEBUG.
     */
    @ParameterizedTest
    @ValueSource(strings = {"INFO", "DEBUG"})
    void sameMetricsAsKafkaStreams44(String level) throws Exception {
        String in = "m-oracle-in-" + level;
        Map<String, String>[] kafkaAndOurs = runOnBoth("m-oracle-" + level, level, in, 60,
                app -> KafkaMetricsPrograms.countByValue(in, app + "-out"),
                app -> MillraceMetricsPrograms.countByValue(in, app + "-out"));
        assertTrue(kafkaAndOurs[1].size() > 100, kafkaAndOurs[1].toString());
        assertEquals(NOT_IMPLEMENTED, compare(kafkaAndOurs[0], kafkaAndOurs[1]), "Kafka Streams 4.4 metrics missing here");
    }

    /**
     * The oracle for window and session stores ({@code rocksdb-window-state-id}, {@code rocksdb-session-state-id}) and
     * for a processor's own sensor made through {@code context.metrics()}: what we register, Kafka Streams 4.4 does.
     */
    @Test
    void windowSessionAndCustomMetricsAsKafkaStreams44() throws Exception {
        String in = "m-oracle-win-in";
        Map<String, String>[] windows = runOnBoth("m-oracle-win", "DEBUG", in, 30,
                app -> KafkaMetricsPrograms.windowAndSessionCounts(in, app + "-win", app + "-session"),
                app -> MillraceMetricsPrograms.windowAndSessionCounts(in, app + "-win", app + "-session"));
        Set<String> missing = compare(windows[0], windows[1]);
        missing.removeAll(NOT_IMPLEMENTED);
        assertEquals(Set.of(), missing, "Kafka Streams 4.4 metrics missing here");
        assertTrue(windows[1].keySet().stream().anyMatch(k -> k.startsWith("stream-state-metrics fetch-rate {rocksdb-window-state-id=window-counts")),
                windows[1].keySet().toString());
        assertTrue(windows[1].keySet().stream().anyMatch(k -> k.startsWith("stream-processor-node-metrics window-aggregate-final-emit-total")),
                windows[1].keySet().toString());
        assertTrue(windows[1].keySet().stream().anyMatch(k -> k.startsWith("stream-state-metrics remove-rate {rocksdb-session-state-id=session-counts")),
                windows[1].keySet().toString());

        String customIn = "m-oracle-custom-in";
        Map<String, String>[] custom = runOnBoth("m-oracle-custom", "INFO", customIn, 30,
                app -> KafkaMetricsPrograms.customSensor(customIn, app + "-out"),
                app -> MillraceMetricsPrograms.customSensor(customIn, app + "-out"));
        compare(custom[0], custom[1]);
        assertTrue(custom[1].containsKey("stream-my-scope-metrics forward-total {my-scope-id=my-entity, my-tag=my-value, thread-id=T}"),
                custom[1].keySet().toString());
    }

    /**
     * Runs Kafka Streams 4.4, then ours, until each processed {@code processed} records; the stream-level metrics of
     * each, normalized. The topologies get their application id to name their output topics by.
     */
    @SuppressWarnings("unchecked")
    private Map<String, String>[] runOnBoth(String appPrefix, String level, String input, int processed,
                                            Function<String, org.apache.kafka.streams.Topology> kafkaTopology,
                                            Function<String, dev.millrace.streams.Topology> ourTopology) throws Exception {
        createTopic(BROKER.bootstrap(), input, 2);
        produce(BROKER.bootstrap(), input, records(30));
        String kafkaApp = appPrefix + "-kafka";
        String ourApp = appPrefix + "-ours";
        Map<String, String> theirs;
        try (org.apache.kafka.streams.KafkaStreams kafka = new org.apache.kafka.streams.KafkaStreams(kafkaTopology.apply(kafkaApp),
                props(kafkaApp, level, 1))) {
            kafka.start();
            waitUntil("Kafka Streams running", 60_000, () -> kafka.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                    && threadProcessTotal(kafka.metrics()) >= processed);
            theirs = streamMetrics(kafka.metrics(), kafkaApp);
        }
        Map<String, String> ours;
        try (KafkaStreams streams = new KafkaStreams(ourTopology.apply(ourApp), props(ourApp, level, 1))) {
            streams.start();
            waitUntil("Millrace running", 60_000, () -> threadProcessTotal(streams.metrics()) >= processed);
            ours = streamMetrics(streams.metrics(), ourApp);
        }
        return new Map[] {theirs, ours};
    }

    /**
     * Asserts ours has no metric Kafka Streams lacks and the same descriptions; returns "group name" of each Kafka
     * Streams metric missing here (whole groups we do not have left out).
     */
    private static Set<String> compare(Map<String, String> theirs, Map<String, String> ours) {
        Set<String> extra = new TreeSet<>(ours.keySet());
        extra.removeAll(theirs.keySet());
        assertEquals(Set.of(), extra, "metrics Kafka Streams 4.4 does not have");
        Map<String, String> differentDescriptions = new TreeMap<>();
        for (Map.Entry<String, String> e : ours.entrySet()) {
            if (!e.getValue().equals(theirs.get(e.getKey()))) {
                differentDescriptions.put(e.getKey(), e.getValue() + " <> " + theirs.get(e.getKey()));
            }
        }
        assertEquals(Map.of(), differentDescriptions);
        Set<String> missing = new TreeSet<>();
        for (String key : theirs.keySet()) {
            String[] groupName = key.split(" ", 3);
            if (ours.containsKey(key) || NOT_IMPLEMENTED_GROUPS.contains(groupName[0])) continue;
            missing.add(groupName[0] + " " + groupName[1]);
        }
        return missing;
    }

    /** The metrics are MBeans under Kafka Streams' JMX names, gone once the client closes. */
    @Test
    void jmxMBeansUnderKafkaStreamsNames() throws Exception {
        createTopic(BROKER.bootstrap(), "m-jmx-in", 1);
        produce(BROKER.bootstrap(), "m-jmx-in", records(10));
        Properties p = props("m-jmx", "DEBUG", 1);
        p.put("client.id", "m-jmx-client");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName client = new ObjectName("kafka.streams:type=stream-metrics,client-id=m-jmx-client");
        ObjectName thread = new ObjectName("kafka.streams:type=stream-thread-metrics,thread-id=m-jmx-StreamThread-1");
        ObjectName task = new ObjectName("kafka.streams:type=stream-task-metrics,thread-id=m-jmx-StreamThread-1,task-id=0_0");
        ObjectName store = new ObjectName("kafka.streams:type=stream-state-metrics,thread-id=m-jmx-StreamThread-1,"
                + "task-id=1_0,rocksdb-state-id=counts");
        try (KafkaStreams streams = new KafkaStreams(MillraceMetricsPrograms.countByValue("m-jmx-in", "m-jmx-out"), p)) {
            streams.start();
            waitUntil("records processed", 60_000, () -> threadProcessTotal(streams.metrics()) >= 20);
            awaitState(streams, KafkaStreams.State.RUNNING, 30_000);
            assertEquals("RUNNING", server.getAttribute(client, "state"));
            assertEquals("m-jmx", server.getAttribute(client, "application-id"));
            assertEquals(20.0, server.getAttribute(thread, "process-total"));
            assertEquals("RUNNING", server.getAttribute(thread, "state"));
            // Millrace's version, from the build (Kafka Streams reports "unknown" when its version file is missing)
            assertTrue(((String) server.getAttribute(client, "version")).matches("\\d+\\.\\d+\\.\\d+.*"));
            assertEquals(10.0, server.getAttribute(task, "process-total"));
            assertTrue((Double) server.getAttribute(store, "put-rate") > 0);
            streams.close();
            for (ObjectName name : List.of(client, thread, task, store)) assertFalse(server.isRegistered(name), name.toString());
        }
    }

    /** INFO registers the DEBUG metrics (as Kafka Streams does) but does not record them; DEBUG does. */
    @ParameterizedTest
    @ValueSource(strings = {"INFO", "DEBUG"})
    void recordingLevelDecidesWhatIsRecorded(String level) throws Exception {
        String in = "m-level-in-" + level;
        createTopic(BROKER.bootstrap(), in, 1);
        produce(BROKER.bootstrap(), in, records(10));
        try (KafkaStreams streams = new KafkaStreams(MillraceMetricsPrograms.countByValue(in, "m-level-out-" + level),
                props("m-level-" + level, level, 1))) {
            streams.start();
            waitUntil("records processed", 60_000, () -> threadProcessTotal(streams.metrics()) >= 20);
            Map<MetricName, ? extends Metric> metrics = streams.metrics();
            boolean debug = level.equals("DEBUG");
            assertEquals(debug ? 10.0 : 0.0, sum(metrics, "stream-processor-node-metrics", "process-total",
                    Map.of("processor-node-id", "KSTREAM-SOURCE-0000000000")));
            assertEquals(debug ? 20.0 : 0.0, sum(metrics, "stream-task-metrics", "process-total", Map.of()));
            assertEquals(debug, sum(metrics, "stream-state-metrics", "put-rate", Map.of("rocksdb-state-id", "counts")) > 0);
            // INFO metrics record at both levels
            assertEquals(20.0, threadProcessTotal(metrics));
            waitUntil("the sink's end-to-end latency recorded", 10_000, () -> sinkE2ELatencyRecorded(streams));
            assertEquals(debug ? 1.0 : 0.0, sum(metrics, "stream-metrics", "recording-level", Map.of()));
        }
    }

    /** Closing the client removes every stream-level metric; the task-closed count saw its tasks go. */
    @Test
    void metricsAreRemovedOnClose() throws Exception {
        createTopic(BROKER.bootstrap(), "m-close-in", 2);
        produce(BROKER.bootstrap(), "m-close-in", records(10));
        KafkaStreams streams = new KafkaStreams(MillraceMetricsPrograms.countByValue("m-close-in", "m-close-out"),
                props("m-close", "DEBUG", 1));
        Supplier<Long> streamLevel = () -> streams.metrics().keySet().stream().filter(n -> n.group().startsWith("stream")).count();
        assertEquals(9L, streamLevel.get(), "the client-level metrics exist from construction");
        streams.start();
        waitUntil("records processed", 60_000, () -> threadProcessTotal(streams.metrics()) >= 20);
        assertTrue(streamLevel.get() > 100);
        streams.close();
        assertEquals(0L, streamLevel.get());
        assertEquals(Map.of(), new HashMap<>(streamMetrics(streams.metrics(), "m-close")));
        assertEquals(10L, latest(BROKER.bootstrap(), "m-close-out", new LongDeserializer()).values().stream().mapToLong(Long::longValue).sum());
    }

    /** A task restoring its store from the changelog counts the records restored, and none remain once it runs. */
    @Test
    void restoreMetricsCountTheRecordsRestored() throws Exception {
        createTopic(BROKER.bootstrap(), "m-restore-in", 1);
        produce(BROKER.bootstrap(), "m-restore-in", records(14));
        Properties p = props("m-restore", "DEBUG", 1);
        try (KafkaStreams first = new KafkaStreams(MillraceMetricsPrograms.countByValue("m-restore-in", "m-restore-out"), p)) {
            first.start();
            waitUntil("records processed", 60_000, () -> threadProcessTotal(first.metrics()) >= 28);
        }
        int changelogRecords = readAll(BROKER.bootstrap(), "m-restore-counts-changelog", new LongDeserializer()).size();
        assertTrue(changelogRecords > 0);
        KafkaStreams second = new KafkaStreams(MillraceMetricsPrograms.countByValue("m-restore-in", "m-restore-out"), p);
        second.cleanUp(); // no local state: the store restores the whole changelog
        try (second) {
            second.start();
            awaitState(second, KafkaStreams.State.RUNNING, 30_000);
            Map<MetricName, ? extends Metric> metrics = second.metrics();
            assertEquals(changelogRecords, sum(metrics, "stream-task-metrics", "restore-total", Map.of("task-id", "1_0")));
            assertEquals(0.0, sum(metrics, "stream-task-metrics", "restore-remaining-records-total", Map.of()));
            assertTrue(sum(metrics, "stream-state-metrics", "restore-rate", Map.of("rocksdb-state-id", "counts")) > 0);
        }
    }
}
