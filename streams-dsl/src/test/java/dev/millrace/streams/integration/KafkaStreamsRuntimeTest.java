package dev.millrace.streams.integration;

import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.TopologyTestDriver;
import dev.millrace.streams.TestInputTopic;
import dev.millrace.streams.processor.StateRestoreListener;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.Topology;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static dev.millrace.streams.integration.RuntimeTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The KafkaStreams runtime against a real in-process Millrace broker. */
class KafkaStreamsRuntimeTest {
    @RegisterExtension
    static final InProcessBroker BROKER = new InProcessBroker();

    @TempDir
    Path stateA;
    @TempDir
    Path stateB;

    private static List<String[]> sentences(long seed, int n) {
        String[] words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"};
        Random random = new Random(seed);
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder line = new StringBuilder();
            for (int w = 0, len = 1 + random.nextInt(6); w < len; w++) line.append(words[random.nextInt(words.length)]).append(' ');
            out.add(new String[] {"line-" + random.nextInt(50), line.toString()});
        }
        return out;
    }

    /** Word count over a 3-partition topic: final counts equal the test driver's; internal topics are made right. */
    @Test
    void wordCountEndToEndMatchesTheTestDriver() throws Exception {
        createTopic(BROKER.bootstrap(), "wc-in", 3);
        List<String[]> lines = sentences(7, 2000);
        produce(BROKER.bootstrap(), "wc-in", lines);

        Map<String, Long> expected = new HashMap<>();
        Properties driverProps = config(BROKER.bootstrap(), "wc-driver", stateB);
        try (TopologyTestDriver driver = new TopologyTestDriver(wordCount("wc-in", "wc-out"), driverProps)) {
            TestInputTopic<String, String> in = driver.createInputTopic("wc-in", new StringSerializer(), new StringSerializer());
            for (String[] kv : lines) in.pipeInput(kv[0], kv[1]);
            expected.putAll(driver.createOutputTopic("wc-out", new org.apache.kafka.common.serialization.StringDeserializer(),
                    new LongDeserializer()).readKeyValuesToMap());
        }

        List<KafkaStreams.State> transitions = new CopyOnWriteArrayList<>();
        Properties props = config(BROKER.bootstrap(), "wc", stateA);
        props.put("num.stream.threads", "2");
        try (KafkaStreams streams = new KafkaStreams(wordCount("wc-in", "wc-out"), props)) {
            streams.setStateListener((now, old) -> transitions.add(now));
            long started = System.nanoTime();
            streams.start();
            awaitState(streams, KafkaStreams.State.RUNNING, 30_000);
            waitUntil("word counts equal to the driver's", 60_000,
                    () -> latest(BROKER.bootstrap(), "wc-out", new LongDeserializer()).equals(expected));
            System.out.printf("word count: %d lines from start() to final counts in %d ms (group join included)%n",
                    lines.size(), (System.nanoTime() - started) / 1_000_000);
            Set<TaskId> tasks = new HashSet<>();
            streams.localThreadsTasks().values().forEach(tasks::addAll);
            assertEquals(Set.of(new TaskId(0, 0), new TaskId(0, 1), new TaskId(0, 2), new TaskId(1, 0), new TaskId(1, 1),
                    new TaskId(1, 2)), tasks, "one task per sub-topology and partition, shared by the two threads");
            assertEquals(2, streams.localThreadsTasks().size());
        }
        assertEquals(List.of(KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING,
                KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING), dedupe(transitions));

        String repartition = "wc-word-counts-repartition";
        String changelog = "wc-word-counts-changelog";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrap()))) {
            var topics = admin.describeTopics(List.of(repartition, changelog)).allTopicNames().get();
            assertEquals(3, topics.get(repartition).partitions().size());
            assertEquals(3, topics.get(changelog).partitions().size());
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, repartition),
                    new ConfigResource(ConfigResource.Type.TOPIC, changelog))).all().get();
            assertEquals("delete", configs.get(new ConfigResource(ConfigResource.Type.TOPIC, repartition)).get("cleanup.policy").value());
            assertEquals("compact", configs.get(new ConfigResource(ConfigResource.Type.TOPIC, changelog)).get("cleanup.policy").value());
        }
    }

    private static List<KafkaStreams.State> dedupe(List<KafkaStreams.State> states) {
        List<KafkaStreams.State> out = new ArrayList<>();
        for (KafkaStreams.State s : states) {
            if (out.isEmpty() || out.get(out.size() - 1) != s) out.add(s);
        }
        // a rebalance while running shows as RUNNING -> REBALANCING -> RUNNING; the tests that matter start once
        for (int i = 1; i + 1 < out.size(); i++) {
            if (out.get(i) == KafkaStreams.State.REBALANCING && out.get(i - 1) == KafkaStreams.State.RUNNING
                    && out.get(i + 1) == KafkaStreams.State.RUNNING) {
                out.remove(i + 1);
                out.remove(i);
                i--;
            }
        }
        return out;
    }

    private static List<String[]> keyedValues(int keys, int from, int to) {
        List<String[]> out = new ArrayList<>();
        for (int v = from; v < to; v++) for (int k = 0; k < keys; k++) out.add(new String[] {"k" + k, Integer.toString(v)});
        return out;
    }

    /**
     * Two instances share a 4-partition input; one is closed mid-stream. The other takes its tasks over, restores
     * their stores from the changelogs, and the distinct-value sets come out exact (each key saw every value once
     * or more); the plain counts are at least exact and over by no more than the records after the last commit.
     */
    @Test
    void aSecondInstanceTakesOverTheTasksOfOneClosedMidStream() throws Exception {
        createTopic(BROKER.bootstrap(), "share-in", 4);
        int keys = 20;
        int values = 60;
        Topology topology = distinctAndCount("share-in", "share-distinct", "share-count");
        Map<TopicPartition, Long> restoredByB = new ConcurrentHashMap<>();
        KafkaStreams a = new KafkaStreams(distinctAndCount("share-in", "share-distinct", "share-count"), config(BROKER.bootstrap(), "share", stateA));
        KafkaStreams b = new KafkaStreams(topology, config(BROKER.bootstrap(), "share", stateB));
        b.setGlobalStateRestoreListener(totals(restoredByB));
        try {
            a.start();
            b.start();
            waitUntil("both instances running tasks", 60_000, () -> a.state() == KafkaStreams.State.RUNNING
                    && b.state() == KafkaStreams.State.RUNNING && !tasksOf(a).isEmpty() && !tasksOf(b).isEmpty());
            Set<TaskId> tasksOfA = tasksOf(a);
            assertEquals(4 - tasksOfA.size(), tasksOf(b).size(), "the 4 tasks are split between the instances");

            produce(BROKER.bootstrap(), "share-in", keyedValues(keys, 0, values / 2));
            waitUntil("the first half processed", 60_000, () -> {
                Map<String, Long> d = latest(BROKER.bootstrap(), "share-distinct", new LongDeserializer());
                return d.size() == keys && d.values().stream().allMatch(n -> n == values / 2);
            });
            assertTrue(a.close(Duration.ofSeconds(30)));
            assertEquals(KafkaStreams.State.NOT_RUNNING, a.state());

            produce(BROKER.bootstrap(), "share-in", keyedValues(keys, values / 2, values));
            waitUntil("b running all four tasks", 60_000, () -> tasksOf(b).size() == 4 && b.state() == KafkaStreams.State.RUNNING);
            waitUntil("every key's distinct set complete", 60_000, () -> {
                Map<String, Long> d = latest(BROKER.bootstrap(), "share-distinct", new LongDeserializer());
                return d.size() == keys && d.values().stream().allMatch(n -> n == values);
            });
            // the tasks b took over were restored from the changelogs a wrote
            for (TaskId id : tasksOfA) {
                TopicPartition tp = new TopicPartition("share-distinct-values-changelog", id.partition());
                assertTrue(restoredByB.getOrDefault(tp, 0L) > 0, "b restored " + tp + ": " + restoredByB);
            }
            // a closed cleanly (committed), so nothing was processed twice: the counts are exact too
            Map<String, Long> counts = latest(BROKER.bootstrap(), "share-count", new LongDeserializer());
            assertEquals(keys, counts.size());
            for (Map.Entry<String, Long> e : counts.entrySet()) assertEquals(values, e.getValue(), e.getKey());
        } finally {
            a.close(Duration.ofSeconds(30));
            b.close(Duration.ofSeconds(30));
        }
    }

    /**
     * As above, but the first instance runs in another JVM and is killed with SIGKILL mid-stream, after processing
     * records it had not committed. The survivor takes over once the group drops the dead member (session timeout),
     * restores the stores from the changelogs and reprocesses from the last committed offsets: the distinct sets are
     * exact, and the counts are never under and over by at most what arrived after the last confirmed commit. The child
     * commits every 3 s and caches nothing, so it usually dies having emitted updates it never committed, and the
     * survivor processes those records again (the printed counts show it). With caching on, uncommitted updates never
     * leave the task, so counts stay exact.
     */
    @Test
    void aSecondInstanceTakesOverFromOneKilledMidStream() throws Exception {
        createTopic(BROKER.bootstrap(), "kill-in", 4);
        int keys = 10;
        int values = 40;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StreamsChildProcess.class.getName(), BROKER.bootstrap(), "kill", stateA.toString(), "kill-in", "kill-distinct",
                "kill-count", "3000").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        java.io.BufferedReader childOut = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()));
        Properties bConfig = config(BROKER.bootstrap(), "kill", stateB);
        bConfig.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        KafkaStreams b = new KafkaStreams(distinctAndCount("kill-in", "kill-distinct", "kill-count"), bConfig);
        Map<TopicPartition, Long> restoredByB = new ConcurrentHashMap<>();
        b.setGlobalStateRestoreListener(totals(restoredByB));
        try {
            String line;
            while ((line = childOut.readLine()) != null && !line.startsWith("TASKS RUNNING 0_")) {
                // wait for the child to run its tasks alone
            }
            assertTrue(line != null, "the child instance started");
            b.start();
            String childTasks = null;
            long deadline = System.currentTimeMillis() + 60_000;
            while (childTasks == null && System.currentTimeMillis() < deadline) {
                line = childOut.readLine();
                if (line != null && line.startsWith("TASKS RUNNING ") && line.split(" ")[2].split(",").length < 4) {
                    childTasks = line.split(" ")[2];
                }
            }
            assertTrue(childTasks != null, "the child gave tasks to the second instance");
            waitUntil("b running", 60_000, () -> b.state() == KafkaStreams.State.RUNNING && !tasksOf(b).isEmpty());
            assertEquals(4, tasksOf(b).size() + childTasks.split(",").length);

            produce(BROKER.bootstrap(), "kill-in", keyedValues(keys, 0, values / 2));
            waitUntil("the first half processed", 60_000, () -> {
                Map<String, Long> d = latest(BROKER.bootstrap(), "kill-distinct", new LongDeserializer());
                return d.size() == keys && d.values().stream().allMatch(n -> n == values / 2);
            });
            Thread.sleep(3_500); // longer than the child's commit interval (3 s): the first half is committed by both
            produce(BROKER.bootstrap(), "kill-in", keyedValues(keys, values / 2, 3 * values / 4));
            Thread.sleep(500); // the child processes the third quarter, most likely without committing it
            child.destroyForcibly().waitFor(); // SIGKILL, mid-stream
            produce(BROKER.bootstrap(), "kill-in", keyedValues(keys, 3 * values / 4, values));

            waitUntil("b running all four tasks", 60_000, () -> tasksOf(b).size() == 4 && b.state() == KafkaStreams.State.RUNNING);
            waitUntil("every key's distinct set complete", 60_000, () -> {
                Map<String, Long> d = latest(BROKER.bootstrap(), "kill-distinct", new LongDeserializer());
                return d.size() == keys && d.values().stream().allMatch(n -> n == values);
            });
            for (String id : childTasks.split(",")) {
                TopicPartition tp = new TopicPartition("kill-distinct-values-changelog", TaskId.parse(id).partition());
                assertTrue(restoredByB.getOrDefault(tp, 0L) > 0, "b restored " + tp + ": " + restoredByB);
            }
            Thread.sleep(1_000);
            Map<String, Long> counts = latest(BROKER.bootstrap(), "kill-count", new LongDeserializer());
            System.out.println("counts after the kill (exact: " + values + "): " + new java.util.TreeMap<>(counts));
            assertEquals(keys, counts.size());
            Set<String> killedTasks = Set.of(childTasks.split(","));
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                int partition = Utils.toPositive(Utils.murmur2(e.getKey().getBytes(StandardCharsets.UTF_8))) % 4;
                if (killedTasks.contains("0_" + partition)) {
                    assertTrue(e.getValue() >= values && e.getValue() <= values + values / 2,
                            e.getKey() + " counted " + e.getValue() + " of " + values);
                } else {
                    assertEquals(values, e.getValue(), e.getKey() + " was on the survivor all along: nothing reprocessed");
                }
            }
        } finally {
            child.destroyForcibly();
            b.close(Duration.ofSeconds(30));
        }
    }

    /** A restore listener adding up the records restored per changelog partition. */
    private static StateRestoreListener totals(Map<TopicPartition, Long> restored) {
        return new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long batchEnd, long n) {
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long total) {
                restored.merge(tp, total, Long::sum);
            }
        };
    }

    private static Set<TaskId> tasksOf(KafkaStreams streams) {
        Set<TaskId> out = new HashSet<>();
        streams.localThreadsTasks().values().forEach(out::addAll);
        return out;
    }

    /**
     * A restarted instance resumes from its committed offsets (the counts stay exact: nothing is processed twice after a
     * clean close) with its stores' state: kept on disk (restored from the checkpoint on), or after cleanUp() restored
     * whole from the changelog.
     */
    @Test
    void aRestartedInstanceResumesFromCommittedOffsetsAndRestoredState() throws Exception {
        createTopic(BROKER.bootstrap(), "restart-in", 2);
        int keys = 10;
        AtomicLong restored = new AtomicLong();
        StateRestoreListener counting = new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long batchEnd, long n) {
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long total) {
                restored.addAndGet(total);
            }
        };
        for (int round = 0; round < 3; round++) {
            KafkaStreams streams = new KafkaStreams(distinctAndCount("restart-in", "restart-distinct", "restart-count"),
                    config(BROKER.bootstrap(), "restart", stateA));
            streams.setGlobalStateRestoreListener(counting);
            if (round == 2) streams.cleanUp(); // local state gone: everything comes back from the changelogs
            restored.set(0);
            streams.start();
            awaitState(streams, KafkaStreams.State.RUNNING, 60_000);
            if (round == 1) assertEquals(0, restored.get(), "a clean restart with checkpoints replays nothing");
            if (round == 2) assertTrue(restored.get() >= 2L * keys, "after cleanUp the stores restore: " + restored.get());
            int upTo = (round + 1) * 10;
            produce(BROKER.bootstrap(), "restart-in", keyedValues(keys, round * 10, upTo));
            waitUntil("round " + round + " counted", 60_000, () -> {
                Map<String, Long> c = latest(BROKER.bootstrap(), "restart-count", new LongDeserializer());
                Map<String, Long> d = latest(BROKER.bootstrap(), "restart-distinct", new LongDeserializer());
                return c.size() == keys && d.size() == keys && c.values().stream().allMatch(n -> n >= upTo)
                        && d.values().stream().allMatch(n -> n == upTo);
            });
            assertTrue(streams.close(Duration.ofSeconds(30)));
            Map<String, Long> counts = latest(BROKER.bootstrap(), "restart-count", new LongDeserializer());
            for (Map.Entry<String, Long> e : counts.entrySet()) assertEquals(upTo, e.getValue(), "round " + round + " " + e.getKey());
        }
    }
}
