package dev.millrace.streams.integration;

import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.KeyQueryMetadata;
import dev.millrace.streams.StoreQueryParameters;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.StreamsMetadata;
import dev.millrace.streams.TaskMetadata;
import dev.millrace.streams.TestInputTopic;
import dev.millrace.streams.ThreadMetadata;
import dev.millrace.streams.TopologyTestDriver;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.errors.InvalidStateStorePartitionException;
import dev.millrace.streams.errors.StreamsNotStartedException;
import dev.millrace.streams.errors.UnknownStateStoreException;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.KeyValue;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.SessionWindows;
import dev.millrace.streams.kstream.TimeWindows;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.HostInfo;
import dev.millrace.streams.state.ReadOnlySessionStore;
import dev.millrace.streams.state.ReadOnlyWindowStore;
import dev.millrace.streams.state.WindowStoreIterator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import java.time.Instant;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.QueryableStoreTypes;
import dev.millrace.streams.state.ReadOnlyKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import static dev.millrace.streams.integration.RuntimeTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interactive queries against two instances of a word count sharing a real in-process broker. */
class InteractiveQueriesTest {
    static final HostInfo HOST_A = new HostInfo("localhost", 7071);
    static final HostInfo HOST_B = new HostInfo("localhost", 7072);

    @RegisterExtension
    static final InProcessBroker BROKER = new InProcessBroker();

    @TempDir
    Path stateA;
    @TempDir
    Path stateB;

    static List<String[]> sentences(long seed, int n) {
        String[] words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"};
        Random random = new Random(seed);
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder line = new StringBuilder();
            for (int w = 0, len = 1 + random.nextInt(6); w < len; w++) line.append(words[random.nextInt(words.length)]).append(' ');
            out.add(new String[] {"line-" + random.nextInt(50), line.toString()});
        }
        return out;
    }

    /** The counts Kafka's documented word count gives for these lines, computed by the test driver. */
    static Map<String, Long> driverCounts(String bootstrap, Path stateDir, String input, List<String[]> lines) {
        try (TopologyTestDriver driver = new TopologyTestDriver(wordCount(input, "unused-out"), config(bootstrap, "driver", stateDir))) {
            TestInputTopic<String, String> in = driver.createInputTopic(input, new StringSerializer(), new StringSerializer());
            for (String[] kv : lines) in.pipeInput(kv[0], kv[1]);
            return driver.createOutputTopic("unused-out", new StringDeserializer(), new LongDeserializer()).readKeyValuesToMap();
        }
    }

    static Properties serverConfig(String bootstrap, String app, Path stateDir, HostInfo host) {
        Properties p = config(bootstrap, app, stateDir);
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host.host() + ":" + host.port());
        return p;
    }

    static ReadOnlyKeyValueStore<String, Long> counts(KafkaStreams streams) {
        return streams.store(StoreQueryParameters.fromNameAndType("word-counts", QueryableStoreTypes.keyValueStore()));
    }

    /**
     * Both instances answer queryMetadataForKey alike for every word; the word's count read on the instance that
     * metadata names (routing) equals the test driver's, the other instance does not have the key; the metadata
     * of both clients, of the store and of the local threads agree with the tasks each instance runs.
     */
    @Test
    void queriesRoutedByKeyMetadataReturnTheDriversCounts() throws Exception {
        createTopic(BROKER.bootstrap(), "iq-in", 4);
        List<String[]> lines = sentences(11, 1500);
        produce(BROKER.bootstrap(), "iq-in", lines);
        Map<String, Long> expected = driverCounts(BROKER.bootstrap(), stateB.resolve("driver"), "iq-in", lines);

        KafkaStreams a = new KafkaStreams(wordCount("iq-in", "iq-out"), serverConfig(BROKER.bootstrap(), "iq", stateA, HOST_A));
        KafkaStreams b = new KafkaStreams(wordCount("iq-in", "iq-out"), serverConfig(BROKER.bootstrap(), "iq", stateB, HOST_B));
        try {
            a.start();
            b.start();
            waitUntil("both running with the driver's counts", 90_000, () -> a.state() == KafkaStreams.State.RUNNING
                    && b.state() == KafkaStreams.State.RUNNING && !tasks(a).isEmpty() && !tasks(b).isEmpty()
                    && latest(BROKER.bootstrap(), "iq-out", new LongDeserializer()).equals(expected));

            Map<HostInfo, KafkaStreams> byHost = Map.of(HOST_A, a, HOST_B, b);
            Set<HostInfo> owners = new HashSet<>();
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                KeyQueryMetadata fromA = a.queryMetadataForKey("word-counts", e.getKey(), new StringSerializer());
                KeyQueryMetadata fromB = b.queryMetadataForKey("word-counts", e.getKey(), new StringSerializer());
                assertEquals(fromA, fromB, e.getKey());
                assertEquals(Set.of(), fromA.standbyHosts(), "no standby replicas configured");
                KafkaStreams owner = byHost.get(fromA.activeHost());
                assertNotNull(owner, "active host " + fromA.activeHost());
                owners.add(fromA.activeHost());
                assertEquals(e.getValue(), counts(owner).get(e.getKey()), "count of " + e.getKey() + " at " + fromA.activeHost());
                KafkaStreams other = owner == a ? b : a;
                if (tasks(other).stream().anyMatch(t -> t.subtopology() == 1)) {
                    assertNull(counts(other).get(e.getKey()), e.getKey() + " lives on one instance only");
                } else { // the other instance runs no task with the store at all
                    InvalidStateStoreException none = assertThrows(InvalidStateStoreException.class, () -> counts(other).get(e.getKey()));
                    assertEquals("The state store, word-counts, may have migrated to another instance.", none.getMessage());
                }
                // the same partition's store alone answers too, timestamped as stored
                ValueAndTimestamp<Long> withTime = owner.store(StoreQueryParameters.fromNameAndType("word-counts",
                        QueryableStoreTypes.<String, Long>timestampedKeyValueStore()).withPartition(fromA.partition())).get(e.getKey());
                assertEquals(e.getValue(), withTime.value());
                InvalidStateStorePartitionException noPartition = assertThrows(InvalidStateStorePartitionException.class,
                        () -> counts(other, fromA.partition()).get(e.getKey()));
                assertEquals("The specified partition " + fromA.partition() + " for store word-counts does not exist.", noPartition.getMessage());
            }

            // a custom partitioner decides the partition asked about
            KeyQueryMetadata custom = a.queryMetadataForKey("word-counts", "alpha", (topic, key, value, n) -> Optional.of(Set.of(2)));
            assertEquals(2, custom.partition());
            assertNull(a.queryMetadataForKey("no-such-store", "alpha", new StringSerializer()), "Kafka Streams answers null");

            // all() across the local tasks: the two instances' contents together are the driver's counts
            Map<String, Long> union = new HashMap<>();
            for (KafkaStreams s : List.of(a, b)) {
                if (tasks(s).stream().noneMatch(t -> t.subtopology() == 1)) continue;
                try (KeyValueIterator<String, Long> it = counts(s).all()) {
                    it.forEachRemaining(kv -> assertNull(union.put(kv.key, kv.value), kv.key + " on two instances"));
                }
            }
            assertEquals(expected, union);

            for (KafkaStreams s : List.of(a, b)) {
                List<StreamsMetadata> all = new ArrayList<>(s.metadataForAllStreamsClients());
                assertEquals(List.of(HOST_A, HOST_B), all.stream().map(StreamsMetadata::hostInfo).toList(), "sorted by host and port");
                for (StreamsMetadata m : all) {
                    boolean countsHere = tasks(byHost.get(m.hostInfo())).stream().anyMatch(t -> t.subtopology() == 1);
                    assertEquals(countsHere, m.stateStoreNames().contains("word-counts"), m.toString());
                    Set<Integer> partitions = new HashSet<>();
                    m.topicPartitions().forEach(tp -> partitions.add(tp.partition()));
                    Set<Integer> taskPartitions = new HashSet<>();
                    tasks(byHost.get(m.hostInfo())).forEach(t -> taskPartitions.add(t.partition()));
                    assertEquals(taskPartitions, partitions, m.toString());
                }
                long withStore = List.of(a, b).stream().filter(x -> tasks(x).stream().anyMatch(t -> t.subtopology() == 1)).count();
                assertEquals(withStore, s.streamsMetadataForStore("word-counts").size());
                assertEquals(0, s.streamsMetadataForStore("no-such-store").size());
                Set<TaskId> local = new HashSet<>();
                for (ThreadMetadata t : s.metadataForLocalThreads()) {
                    assertEquals("RUNNING", t.threadState());
                    assertEquals(Set.of(), t.standbyTasks());
                    for (TaskMetadata task : t.activeTasks()) local.add(task.taskId());
                }
                assertEquals(tasks(s), local);
            }
        } finally {
            a.close(Duration.ofSeconds(30));
            b.close(Duration.ofSeconds(30));
        }
    }

    static ReadOnlyKeyValueStore<String, Long> counts(KafkaStreams streams, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType("word-counts", QueryableStoreTypes.<String, Long>keyValueStore())
                .withPartition(partition));
    }

    static Set<TaskId> tasks(KafkaStreams streams) {
        Set<TaskId> out = new HashSet<>();
        streams.localThreadsTasks().values().forEach(out::addAll);
        return out;
    }

    /** store() and the metadata methods refuse with Kafka Streams' exceptions and messages. */
    @Test
    void storeErrorsAsKafkaStreams() throws Exception {
        Properties bad = config(BROKER.bootstrap(), "iq-err", stateA);
        bad.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost-without-port");
        ConfigException badEndpoint = assertThrows(ConfigException.class, () -> new KafkaStreams(wordCount("iq-err-in", "iq-err-out"), bad));
        assertEquals("Error parsing host address localhost-without-port. Expected format host:port.", badEndpoint.getMessage());

        createTopic(BROKER.bootstrap(), "iq-err-in", 2);
        KafkaStreams streams = new KafkaStreams(wordCount("iq-err-in", "iq-err-out"), serverConfig(BROKER.bootstrap(), "iq-err", stateA, HOST_A));
        StreamsNotStartedException notStarted = assertThrows(StreamsNotStartedException.class, () -> counts(streams));
        assertEquals("KafkaStreams has not been started, you can retry after calling start()", notStarted.getMessage());
        assertThrows(StreamsNotStartedException.class, () -> streams.queryMetadataForKey("word-counts", "a", new StringSerializer()));
        try {
            streams.start();
            awaitState(streams, KafkaStreams.State.RUNNING, 60_000);
            UnknownStateStoreException unknown = assertThrows(UnknownStateStoreException.class,
                    () -> streams.store(StoreQueryParameters.fromNameAndType("nope", QueryableStoreTypes.keyValueStore())));
            assertEquals("Cannot get state store nope because no such store is registered in the topology.", unknown.getMessage());

            InvalidStateStoreException wrongType = assertThrows(InvalidStateStoreException.class,
                    () -> streams.store(StoreQueryParameters.fromNameAndType("word-counts", QueryableStoreTypes.<String, Long>sessionStore())).fetch("a"));
            assertTrue(wrongType.getMessage().startsWith("Cannot get state store word-counts because the queryable store type "
                    + "[class dev.millrace.streams.state.QueryableStoreTypes$SessionStoreType] does not accept the actual store type [class "),
                    wrongType.getMessage());
            assertEquals(0L, counts(streams).approximateNumEntries());

            KeyQueryMetadata meta = streams.queryMetadataForKey("word-counts", "a", new StringSerializer());
            assertEquals(HOST_A, meta.activeHost());
            ReadOnlyKeyValueStore<String, Long> view = counts(streams);
            streams.close(Duration.ofSeconds(30));
            IllegalStateException closed = assertThrows(IllegalStateException.class, () -> counts(streams));
            assertEquals("KafkaStreams is not running. State is NOT_RUNNING.", closed.getMessage());
            // a view taken before the close finds no live thread's store any more
            InvalidStateStoreException migrated = assertThrows(InvalidStateStoreException.class, () -> view.get("a"));
            assertEquals("The state store, word-counts, may have migrated to another instance.", migrated.getMessage());
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    /**
     * Window and session stores of a windowed and a session count answer through windowStore,
     * timestampedWindowStore and sessionStore views (two partitions, so two tasks' stores behind each view). The grace
     * keeps the early windows and sessions within retention once stream time has passed them.
     */
    @Test
    void windowAndSessionStoresAreQueryable() throws Exception {
        createTopic(BROKER.bootstrap(), "iq-win-in", 2);
        StreamsBuilder builder = new StreamsBuilder();
        var grouped = builder.stream("iq-win-in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey();
        grouped.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), Duration.ofMinutes(1))).count(Materialized.as("win-counts"));
        grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofSeconds(5), Duration.ofMinutes(1))).count(Materialized.as("session-counts"));
        long t0 = System.currentTimeMillis() / 100_000 * 100_000; // recent: the broker's retention keeps the records
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", BROKER.bootstrap()),
                new StringSerializer(), new StringSerializer())) {
            for (long[] kt : new long[][] {{'k', 1_000}, {'k', 2_000}, {'j', 3_000}, {'k', 15_000}}) {
                producer.send(new ProducerRecord<>("iq-win-in", null, t0 + kt[1], String.valueOf((char) kt[0]), "v"));
            }
        }
        KafkaStreams streams = new KafkaStreams(builder.build(), serverConfig(BROKER.bootstrap(), "iq-win", stateA, HOST_A));
        try {
            streams.start();
            ReadOnlyWindowStore<String, Long> windows = streams.store(
                    StoreQueryParameters.fromNameAndType("win-counts", QueryableStoreTypes.<String, Long>windowStore()));
            waitUntil("the windowed counts", 60_000, () -> {
                try {
                    return Long.valueOf(1).equals(windows.fetch("k", t0 + 10_000L)) && Long.valueOf(1).equals(windows.fetch("j", t0));
                } catch (InvalidStateStoreException e) {
                    return false; // still rebalancing
                }
            });
            assertEquals(2L, windows.fetch("k", t0));
            List<KeyValue<Long, Long>> kWindows = new ArrayList<>();
            try (WindowStoreIterator<Long> it = windows.fetch("k", Instant.ofEpochMilli(t0), Instant.ofEpochMilli(t0 + 20_000))) {
                it.forEachRemaining(kWindows::add);
            }
            assertEquals(List.of(KeyValue.pair(t0, 2L), KeyValue.pair(t0 + 10_000L, 1L)), kWindows);
            Set<String> all = new HashSet<>();
            try (KeyValueIterator<Windowed<String>, Long> it = windows.all()) {
                it.forEachRemaining(kv -> all.add(kv.key.key() + "@" + (kv.key.window().start() - t0) + "=" + kv.value));
            }
            assertEquals(Set.of("k@0=2", "k@10000=1", "j@0=1"), all);
            ValueAndTimestamp<Long> stamped = streams.store(StoreQueryParameters.fromNameAndType("win-counts",
                    QueryableStoreTypes.<String, Long>timestampedWindowStore())).fetch("k", t0 + 10_000L);
            assertEquals(ValueAndTimestamp.make(1L, t0 + 15_000L), stamped);

            ReadOnlySessionStore<String, Long> sessions = streams.store(
                    StoreQueryParameters.fromNameAndType("session-counts", QueryableStoreTypes.<String, Long>sessionStore()));
            List<String> kSessions = new ArrayList<>();
            try (KeyValueIterator<Windowed<String>, Long> it = sessions.fetch("k")) {
                it.forEachRemaining(kv -> kSessions.add((kv.key.window().start() - t0) + "-" + (kv.key.window().end() - t0) + "=" + kv.value));
            }
            assertEquals(List.of("1000-2000=2", "15000-15000=1"), kSessions);
            assertEquals(2L, sessions.fetchSession("k", t0 + 1_000L, t0 + 2_000L));
            try (KeyValueIterator<Windowed<String>, Long> none = sessions.fetch("nobody")) {
                assertFalse(none.hasNext());
            }
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }
}
