package dev.millrace.streams;

import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.processor.internals.GlobalStateTask;
import dev.millrace.streams.processor.internals.KeyValueStoreFacade;
import dev.millrace.streams.processor.internals.RecordSink;
import dev.millrace.streams.processor.internals.StreamTask;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;
import dev.millrace.streams.state.internals.SimpleStateStoreContext;
import dev.millrace.streams.test.TestRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a topology without a broker, as Kafka Streams' {@code TopologyTestDriver}: the whole topology is one task
 * ({@code 0_0}) with real stores under a state directory (a temporary one unless {@code state.dir} is set; the
 * task's directory is deleted on close either way), a mock wall clock, and in-memory topics.
 *
 * <p>Every piped record is processed to completion, then stream-time punctuations run and the task commits (so
 * caches forward after every record; stores are flushed to disk every 10,000 records and on close). Records a sink
 * writes to a topic the topology reads (repartition topics, through-topics) are processed next, the one with the
 * smallest timestamp first.
 */
public class TopologyTestDriver implements Closeable {
    private static final String DEFAULT_APPLICATION_ID = "dummy-topology-test-driver-app-id";

    private final StreamsConfig config;
    private final StreamTask task;
    private final Path stateRoot;
    private final boolean ownsStateRoot;
    private long wallClockMs;
    /** The global stores' task, or null when the topology has none. */
    private GlobalStateTask global;
    private final Map<String, Queue<ProducerRecord<byte[], byte[]>>> outputs = new LinkedHashMap<>();
    private final Map<String, Queue<PendingRecord>> inputs = new LinkedHashMap<>();
    private final Map<String, Long> offsets = new HashMap<>();
    private final Queue<ProducerRecord<byte[], byte[]>> produced = new ArrayDeque<>();

    private record PendingRecord(String topic, long offset, byte[] key, byte[] value, long timestamp, Headers headers) {
    }

    public TopologyTestDriver(Topology topology) {
        this(topology, new Properties());
    }

    public TopologyTestDriver(Topology topology, Properties config) {
        this(topology, config, null);
    }

    public TopologyTestDriver(Topology topology, Instant initialWallClockTime) {
        this(topology, new Properties(), initialWallClockTime);
    }

    public TopologyTestDriver(Topology topology, Properties config, Instant initialWallClockTime) {
        Properties props = new Properties();
        props.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        props.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy-bootstrap-host:0");
        props.putAll(config);
        // as Kafka's driver: stream-stream left/outer joins scan for closed windows on every record, not once a second
        props.putIfAbsent("__emit.interval.ms.kstreams.outer.join.spurious.results.fix__", 0L);
        this.config = new StreamsConfig(props);
        this.wallClockMs = initialWallClockTime == null ? System.currentTimeMillis() : initialWallClockTime.toEpochMilli();
        String stateDir = this.config.getString(StreamsConfig.STATE_DIR_CONFIG);
        try {
            this.ownsStateRoot = stateDir == null;
            this.stateRoot = stateDir == null ? Files.createTempDirectory("millrace-streams-test-driver") : Path.of(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory", e);
        }
        String applicationId = this.config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        TaskId taskId = new TaskId(0, 0);
        SimpleStateStoreContext storeContext = new SimpleStateStoreContext(applicationId, taskId, stateRoot.toFile(),
                this.config.originals());
        this.task = new StreamTask(taskId, topology.internalTopologyBuilder(), this.config, storeContext,
                () -> wallClockMs, new RecordSink() {
                    @Override
                    public void send(String topic, Integer partition, byte[] key, byte[] value, Headers headers, long timestamp) {
                        produced.add(new ProducerRecord<>(topic, partition == null ? 0 : partition, timestamp, key, value, headers));
                    }

                    @Override
                    public int partitionCount(String topic) {
                        return 1; // every topic of the driver has one partition, as in Kafka Streams' driver
                    }
                });
        try {
            // global stores first: the task's processors look them up when they initialise
            this.global = GlobalStateTask.openIfAny(topology.internalTopologyBuilder(), this.config, stateRoot.toFile(),
                    () -> wallClockMs);
            if (global != null) task.useGlobalStores(global::store);
            task.initialize();
        } catch (RuntimeException e) {
            task.close();
            closeGlobal();
            deleteStateRoot();
            throw e;
        }
    }

    /** A record piped to a global topic updates the global store at once, as in Kafka's driver. */
    private boolean pipeGlobal(String topic, byte[] key, byte[] value, long timestamp, Headers headers) {
        if (global == null || !global.consumes(topic)) return false;
        long offset = offsets.merge(topic, 1L, Long::sum) - 1;
        global.process(topic, 0, offset, key, value, timestamp, headers);
        global.flush();
        return true;
    }

    private void closeGlobal() {
        if (global == null) return;
        try {
            global.close();
        } finally {
            deleteTree(global.stateDir().toPath());
        }
    }

    /** Advances the mock wall clock, runs the wall-clock punctuations that became due, and commits. */
    public void advanceWallClockTime(Duration advance) {
        if (advance.isNegative()) throw new IllegalArgumentException("advance must not be negative");
        wallClockMs += advance.toMillis();
        task.maybePunctuateSystemTime();
        task.commit();
        processAll();
    }

    public final <K, V> TestInputTopic<K, V> createInputTopic(String topicName, Serializer<K> keySerializer,
                                                              Serializer<V> valueSerializer) {
        return new TestInputTopic<>(this, topicName, keySerializer, valueSerializer, Instant.now(), Duration.ZERO);
    }

    public final <K, V> TestInputTopic<K, V> createInputTopic(String topicName, Serializer<K> keySerializer,
                                                              Serializer<V> valueSerializer, Instant startTimestamp,
                                                              Duration autoAdvance) {
        return new TestInputTopic<>(this, topicName, keySerializer, valueSerializer, startTimestamp, autoAdvance);
    }

    public final <K, V> TestOutputTopic<K, V> createOutputTopic(String topicName, Deserializer<K> keyDeserializer,
                                                                Deserializer<V> valueDeserializer) {
        return new TestOutputTopic<>(this, topicName, keyDeserializer, valueDeserializer);
    }

    /** Every topic a record was written to so far, internal topics included. */
    public final Set<String> producedTopicNames() {
        return Collections.unmodifiableSet(outputs.keySet());
    }

    <K, V> void pipeRecord(String topic, TestRecord<K, V> record, Serializer<K> keySerializer,
                           Serializer<V> valueSerializer, Instant time) {
        if (!task.consumes(topic) && (global == null || !global.consumes(topic))) {
            throw new IllegalArgumentException("Unknown topic: " + topic);
        }
        long timestamp = time != null ? time.toEpochMilli() : record.timestamp();
        Headers headers = new RecordHeaders(record.headers().toArray());
        byte[] key = keySerializer.serialize(topic, headers, record.key());
        byte[] value = valueSerializer.serialize(topic, headers, record.value());
        if (pipeGlobal(topic, key, value, timestamp, headers)) return;
        enqueue(topic, key, value, timestamp, headers);
        processAll();
    }

    private void enqueue(String topic, byte[] key, byte[] value, long timestamp, Headers headers) {
        long offset = offsets.merge(topic, 1L, Long::sum) - 1;
        inputs.computeIfAbsent(topic, t -> new ArrayDeque<>()).add(new PendingRecord(topic, offset, key, value, timestamp, headers));
    }

    /** Processes queued records one at a time, each followed by stream-time punctuation and a commit. */
    private void processAll() {
        captureOutputs();
        PendingRecord next;
        while ((next = nextInput()) != null) {
            task.process(next.topic(), 0, next.offset(), next.key(), next.value(), next.timestamp(), next.headers());
            task.maybePunctuateStreamTime();
            task.commit();
            captureOutputs();
        }
    }

    private PendingRecord nextInput() {
        Queue<PendingRecord> best = null;
        for (Queue<PendingRecord> q : inputs.values()) {
            if (!q.isEmpty() && (best == null || q.peek().timestamp() < best.peek().timestamp())) best = q;
        }
        return best == null ? null : best.poll();
    }

    /** Moves what the sinks wrote to the output topics, and back into the inputs when the topology reads the topic. */
    private void captureOutputs() {
        ProducerRecord<byte[], byte[]> r;
        while ((r = produced.poll()) != null) {
            outputs.computeIfAbsent(r.topic(), t -> new ArrayDeque<>()).add(r);
            if (task.consumes(r.topic())) enqueue(r.topic(), r.key(), r.value(), r.timestamp(), r.headers());
        }
    }

    ProducerRecord<byte[], byte[]> readRecord(String topic) {
        Queue<ProducerRecord<byte[], byte[]>> q = outputs.get(topic);
        if (q == null || q.isEmpty()) throw new NoSuchElementException("Empty topic: " + topic);
        return q.poll();
    }

    <K, V> TestRecord<K, V> readRecord(String topic, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        ProducerRecord<byte[], byte[]> r = readRecord(topic);
        K key = keyDeserializer.deserialize(r.topic(), r.headers(), r.key());
        V value = valueDeserializer.deserialize(r.topic(), r.headers(), r.value());
        return new TestRecord<>(key, value, r.headers(), Instant.ofEpochMilli(r.timestamp()));
    }

    final long queueSize(String topic) {
        Queue<ProducerRecord<byte[], byte[]>> q = outputs.get(topic);
        return q == null ? 0 : q.size();
    }

    final boolean isEmpty(String topic) {
        return queueSize(topic) == 0;
    }

    /** The state directory in use (a temporary one unless {@code state.dir} is set); for tests. */
    Path stateRoot() {
        return stateRoot;
    }

    public Map<String, StateStore> getAllStateStores() {
        if (global == null) return Collections.unmodifiableMap(task.stores());
        Map<String, StateStore> all = new java.util.LinkedHashMap<>(task.stores());
        all.putAll(global.stores());
        return Collections.unmodifiableMap(all);
    }

    /** A store of the task or a global store. */
    public StateStore getStateStore(String name) {
        StateStore store = task.stores().get(name);
        return store != null || global == null ? store : global.store(name);
    }

    /**
     * The key-value store of that name, or null if there is none or it is another kind. A timestamped store (every
     * DSL store) comes through a facade that drops the timestamps, as in Kafka Streams.
     */
    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, V> getKeyValueStore(String name) {
        StateStore store = getStateStore(name);
        if (store instanceof TimestampedKeyValueStore) {
            return new KeyValueStoreFacade<>((TimestampedKeyValueStore<K, V>) store);
        }
        return store instanceof KeyValueStore ? (KeyValueStore<K, V>) store : null;
    }

    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, ValueAndTimestamp<V>> getTimestampedKeyValueStore(String name) {
        StateStore store = getStateStore(name);
        return store instanceof TimestampedKeyValueStore ? (KeyValueStore<K, ValueAndTimestamp<V>>) store : null;
    }

    /** Commits (caches forward), flushes and closes the stores and processors, and deletes the task's state. */
    @Override
    public void close() {
        try {
            task.commit();
            task.flushStores();
            captureOutputs();
        } finally {
            try {
                task.close();
            } finally {
                try {
                    closeGlobal();
                } finally {
                    deleteStateRoot();
                }
            }
        }
    }

    /** The task's state goes with the driver, as in Kafka's; a temporary root goes entirely. */
    private void deleteStateRoot() {
        deleteTree(ownsStateRoot ? stateRoot : task.taskDirectory().toPath());
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** Records dropped by the task's processors (late for their window, null key); Kafka's dropped-records-total. */
    long droppedRecordsTotal() {
        return task.droppedRecordsTotal() + (global == null ? 0 : global.droppedRecordsTotal());
    }
}
