package dev.millrace.streams.integration;

import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.KeyQueryMetadata;
import dev.millrace.streams.StoreQueryParameters;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.TaskMetadata;
import dev.millrace.streams.ThreadMetadata;
import dev.millrace.streams.processor.StateRestoreListener;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.HostInfo;
import dev.millrace.streams.state.QueryableStoreTypes;
import dev.millrace.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.millrace.streams.integration.InteractiveQueriesTest.HOST_A;
import static dev.millrace.streams.integration.InteractiveQueriesTest.HOST_B;
import static dev.millrace.streams.integration.InteractiveQueriesTest.driverCounts;
import static dev.millrace.streams.integration.InteractiveQueriesTest.sentences;
import static dev.millrace.streams.integration.InteractiveQueriesTest.serverConfig;
import static dev.millrace.streams.integration.InteractiveQueriesTest.tasks;
import static dev.millrace.streams.integration.RuntimeTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Standby replicas ({@code num.standby.replicas=1}) of a word count's store on two instances and a real broker. */
class StandbyReplicasTest {
    static final String CHANGELOG = "sb-word-counts-changelog";

    @RegisterExtension
    static final InProcessBroker BROKER = new InProcessBroker();

    @TempDir
    Path stateA;
    @TempDir
    Path stateB;
    @TempDir
    Path stateDriver;

    /** Restore start offset and records restored per changelog partition, from the moment it is cleared. */
    static final class Restores implements StateRestoreListener {
        final Map<TopicPartition, Long> start = new ConcurrentHashMap<>();
        final Map<TopicPartition, Long> restored = new ConcurrentHashMap<>();

        @Override
        public void onRestoreStart(TopicPartition tp, String store, long startOffset, long endOffset) {
            start.put(tp, startOffset);
        }

        @Override
        public void onBatchRestored(TopicPartition tp, String store, long batchEndOffset, long numRestored) {
            restored.merge(tp, numRestored, Long::sum);
        }

        @Override
        public void onRestoreEnd(TopicPartition tp, String store, long totalRestored) {
        }

        void clear() {
            start.clear();
            restored.clear();
        }
    }

    private Properties standbyConfig(Path state, HostInfo host) {
        Properties p = serverConfig(BROKER.bootstrap(), "sb", state, host);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0"); // every count update reaches the changelog
        return p;
    }

    private static Map<TopicPartition, Long> changelogEnds() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", BROKER.bootstrap()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            c.partitionsFor(CHANGELOG).forEach(i -> tps.add(new TopicPartition(CHANGELOG, i.partition())));
            return c.endOffsets(tps);
        }
    }

    private static ReadOnlyKeyValueStore<String, Long> staleCounts(KafkaStreams s) {
        return s.store(StoreQueryParameters.fromNameAndType("word-counts", QueryableStoreTypes.<String, Long>keyValueStore()).enableStaleStores());
    }

    private static Set<TaskId> standbyTasks(KafkaStreams s) {
        Set<TaskId> out = new HashSet<>();
        for (ThreadMetadata t : s.metadataForLocalThreads()) for (TaskMetadata m : t.standbyTasks()) out.add(m.taskId());
        return out;
    }

    /**
     * Each instance keeps standbys of the count tasks the other runs (never of its own); stale queries on either
     * answer every word with the driver's count; key metadata names the other instance as standby host. Then the
     * instance with count tasks is closed: the survivor promotes its standbys, and its restore starts at the
     * standby's checkpoint and reads a small fraction of what the changelog holds; the promoted stores go on counting
     * and the final counts equal the driver's.
     */
    @Test
    void theSurvivorPromotesItsWarmStandbysAndRestoresOnlyTheRemainder() throws Exception {
        createTopic(BROKER.bootstrap(), "sb-in", 2);
        List<String[]> first = sentences(21, 3000);
        List<String[]> second = sentences(22, 300);
        List<String[]> all = new ArrayList<>(first);
        all.addAll(second);
        Map<String, Long> expectedFirst = driverCounts(BROKER.bootstrap(), stateDriver.resolve("1"), "sb-in", first);
        Map<String, Long> expectedAll = driverCounts(BROKER.bootstrap(), stateDriver.resolve("2"), "sb-in", all);
        produce(BROKER.bootstrap(), "sb-in", first);

        Restores restoresA = new Restores();
        Restores restoresB = new Restores();
        KafkaStreams a = new KafkaStreams(wordCount("sb-in", "sb-out"), standbyConfig(stateA, HOST_A));
        KafkaStreams b = new KafkaStreams(wordCount("sb-in", "sb-out"), standbyConfig(stateB, HOST_B));
        a.setGlobalStateRestoreListener(restoresA);
        b.setGlobalStateRestoreListener(restoresB);
        try {
            a.start();
            b.start();
            waitUntil("both running, the driver's counts out", 90_000, () -> a.state() == KafkaStreams.State.RUNNING
                    && b.state() == KafkaStreams.State.RUNNING && !tasks(a).isEmpty() && !tasks(b).isEmpty()
                    && latest(BROKER.bootstrap(), "sb-out", new LongDeserializer()).equals(expectedFirst));
            Set<TaskId> countTasks = Set.of(new TaskId(1, 0), new TaskId(1, 1));
            for (KafkaStreams s : List.of(a, b)) {
                KafkaStreams other = s == a ? b : a;
                Set<TaskId> expectedStandbys = new HashSet<>(countTasks);
                expectedStandbys.retainAll(tasks(other));
                assertEquals(expectedStandbys, standbyTasks(s), "standbys of exactly the count tasks the other instance runs");
            }
            waitUntil("standbys caught up: stale queries answer every word on both", 60_000, () -> {
                for (KafkaStreams s : List.of(a, b)) {
                    for (Map.Entry<String, Long> e : expectedFirst.entrySet()) {
                        if (!e.getValue().equals(staleCounts(s).get(e.getKey()))) return false;
                    }
                }
                return true;
            });
            for (String word : expectedFirst.keySet()) {
                KeyQueryMetadata m = a.queryMetadataForKey("word-counts", word, new StringSerializer());
                assertEquals(m, b.queryMetadataForKey("word-counts", word, new StringSerializer()));
                HostInfo other = m.activeHost().equals(HOST_A) ? HOST_B : HOST_A;
                assertEquals(Set.of(other), m.standbyHosts(), word);
            }

            KafkaStreams victim = tasks(a).stream().anyMatch(countTasks::contains) ? a : b;
            KafkaStreams survivor = victim == a ? b : a;
            Restores survivorRestores = survivor == a ? restoresA : restoresB;
            Set<TaskId> promoted = new HashSet<>(countTasks);
            promoted.retainAll(tasks(victim));
            survivorRestores.clear(); // the survivor may rebalance and restore while the victim is still closing
            assertTrue(victim.close(Duration.ofSeconds(30)));
            Map<TopicPartition, Long> ends = changelogEnds();
            waitUntil("the survivor running every task", 60_000,
                    () -> survivor.state() == KafkaStreams.State.RUNNING && tasks(survivor).size() == 4);

            for (TaskId id : promoted) {
                TopicPartition tp = new TopicPartition(CHANGELOG, id.partition());
                long end = ends.get(tp);
                long restored = survivorRestores.restored.getOrDefault(tp, 0L);
                System.out.printf("promoted %s: changelog holds %d records, restore started at %d and read %d%n",
                        id, end, survivorRestores.start.get(tp), restored);
                assertTrue(end > 1000, "a changelog worth restoring: " + end);
                assertTrue(survivorRestores.start.get(tp) > end / 2, "restore starts from the standby's checkpoint");
                assertTrue(restored < end / 10, "restored " + restored + " of " + end);
            }
            assertEquals(Set.of(), standbyTasks(survivor), "no other client to keep standbys for");
            ReadOnlyKeyValueStore<String, Long> active = survivor.store(
                    StoreQueryParameters.fromNameAndType("word-counts", QueryableStoreTypes.keyValueStore()));
            for (Map.Entry<String, Long> e : expectedFirst.entrySet()) assertEquals(e.getValue(), active.get(e.getKey()), e.getKey());
            HostInfo survivorHost = survivor == a ? HOST_A : HOST_B;
            KeyQueryMetadata after = survivor.queryMetadataForKey("word-counts", "alpha", new StringSerializer());
            assertEquals(survivorHost, after.activeHost());
            assertEquals(Set.of(), after.standbyHosts());

            produce(BROKER.bootstrap(), "sb-in", second);
            waitUntil("the promoted stores count on", 60_000,
                    () -> latest(BROKER.bootstrap(), "sb-out", new LongDeserializer()).equals(expectedAll));
            for (Map.Entry<String, Long> e : expectedAll.entrySet()) assertEquals(e.getValue(), active.get(e.getKey()), e.getKey());
            assertFalse(survivor.state().hasCompletedShutdown());
        } finally {
            a.close(Duration.ofSeconds(30));
            b.close(Duration.ofSeconds(30));
        }
    }
}
