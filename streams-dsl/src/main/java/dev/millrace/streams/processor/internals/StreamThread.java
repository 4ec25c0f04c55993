package dev.millrace.streams.processor.internals;

import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.StateRestoreListener;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.processor.internals.metrics.BlockedTime;
import dev.millrace.streams.processor.internals.metrics.RestoreMetricsListener;
import dev.millrace.streams.processor.internals.metrics.StreamsMetricsImpl;
import dev.millrace.streams.processor.internals.metrics.ThreadMetrics;
import dev.millrace.streams.state.internals.ChangelogRecordCollector;
import dev.millrace.streams.state.internals.StandaloneStateStoreContext;
import dev.millrace.streams.state.internals.ThreadCache;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.File;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One stream thread: a consumer in the group {@code application.id} (classic protocol, {@link StreamsPartitionAssignor}),
 * a producer for what sinks write, and a changelog producer, Admin and record cache shared by its tasks' stores. It
 * polls, buffers records per task, processes them, punctuates, and commits every {@code commit.interval.ms}
 * (at-least-once: caches forward and stores flush, producers flush, then the consumer commits the offsets).
 *
 * <p>Rebalances are eager (Kafka's classic protocol revokes everything first): on revocation every task commits and
 * is suspended; on assignment, tasks no longer assigned close, new ones open their stores (restoring from the
 * changelog) and kept ones resume with warm stores.
 */
public final class StreamThread extends Thread implements StreamsPartitionAssignor.Hooks {
    private static final System.Logger log = System.getLogger(StreamThread.class.getName());
    static final Duration POLL_TIME = Duration.ofMillis(100);

    /** What the thread tells its client. */
    public interface Listener {
        /** {@code rebalancing} true from a revocation until the following assignment is processed. */
        void onRebalancing(StreamThread thread, boolean rebalancing);

        /** The thread stopped because processing failed; its clients are closed. */
        void onFailure(StreamThread thread, Throwable error);
    }

    private final TopologyMetadata metadata;
    private final StreamsConfig config;
    private final Map<String, Object> appConfigs;
    private final File stateRoot;
    private final Admin admin;
    private final Listener listener;
    private final StateRestoreListener restoreListener;
    private final long commitIntervalMs;
    /** This thread's share of {@code statestore.cache.max.bytes}, divided evenly among threads as Kafka Streams does. */
    private final long cacheMaxBytes;
    private final Map<TaskId, ActiveTask> tasks = new TreeMap<>();
    private final Map<TopicPartition, ActiveTask> taskByPartition = new HashMap<>();
    private final AtomicReference<Exception> sendError = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile Set<TaskId> previousTasks = Set.of();
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private ChangelogRecordCollector changelogCollector;
    private ThreadCache cache;
    private long lastCommitMs;
    private final StreamsMetricsImpl streamsMetrics;
    private final ThreadMetrics threadMetrics;
    private volatile StreamThreadState threadState = StreamThreadState.CREATED;
    private final Object stateLock = new Object();

    public StreamThread(String name, TopologyMetadata metadata, StreamsConfig config, File stateRoot, Admin admin,
                        long commitIntervalMs, long cacheMaxBytes, StateRestoreListener restoreListener, Listener listener,
                        StreamsMetricsImpl streamsMetrics) {
        super(name);
        this.streamsMetrics = streamsMetrics;
        this.threadMetrics = new ThreadMetrics(streamsMetrics, name, System.currentTimeMillis(), this::blockedTimeNs,
                () -> threadState);
        this.cacheMaxBytes = cacheMaxBytes;
        this.metadata = metadata;
        this.config = config;
        this.appConfigs = config.originals();
        this.stateRoot = stateRoot;
        this.admin = admin;
        this.commitIntervalMs = commitIntervalMs;
        this.restoreListener = restoreListener;
        this.listener = listener;
    }

    @Override
    public TopologyMetadata topologyMetadata() {
        return metadata;
    }

    @Override
    public Set<TaskId> previousTasks() {
        return previousTasks;
    }

    /** Asks the thread to commit, close its tasks and leave the group; returns at once. */
    public void requestStop() {
        synchronized (stateLock) {
            stopRequested = true;
            setState(StreamThreadState.PENDING_SHUTDOWN);
        }
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) c.wakeup();
    }

    /** Task ids this thread runs now; for tests and logs. */
    public synchronized Set<TaskId> activeTaskIds() {
        return new HashSet<>(tasks.keySet());
    }

    @Override
    public void run() {
        Throwable failure = null;
        moveTo(StreamThreadState.STARTING);
        try {
            openClients();
            consumer.subscribe(metadata.sourceTopics(), new RebalanceListener());
            lastCommitMs = System.currentTimeMillis();
            while (!stopRequested) runOnce();
        } catch (WakeupException e) {
            if (!stopRequested) failure = e;
        } catch (Throwable e) {
            failure = e;
        }
        synchronized (stateLock) {
            setState(StreamThreadState.PENDING_SHUTDOWN);
        }
        shutdown(failure == null);
        synchronized (stateLock) {
            setState(StreamThreadState.DEAD);
        }
        if (failure != null) listener.onFailure(this, failure);
    }

    private void openClients() {
        Map<String, Object> c = clientConfigs("consumer.");
        c.put(ConsumerConfig.GROUP_ID_CONFIG, metadata.applicationId());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, getName() + "-consumer");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, StreamsPartitionAssignor.class.getName());
        c.put(StreamsPartitionAssignor.THREAD_HOOKS_CONFIG, this);
        consumer = new KafkaConsumer<>(c);
        Map<String, Object> p = clientConfigs("producer.");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, getName() + "-producer");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(p);
        changelogCollector = new ChangelogRecordCollector(clientConfigs("producer."));
        cache = new ThreadCache(cacheMaxBytes);
    }

    private Map<String, Object> clientConfigs(String prefix) {
        Map<String, Object> out = new HashMap<>();
        out.put("bootstrap.servers", appConfigs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        for (Map.Entry<String, Object> e : appConfigs.entrySet()) {
            if (e.getKey().startsWith(prefix)) out.put(e.getKey().substring(prefix.length()), e.getValue());
        }
        return out;
    }

    private void runOnce() {
        long startNs = System.nanoTime();
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIME);
        long polledNs = System.nanoTime();
        threadMetrics.polled(millis(polledNs - startNs), records.count(), System.currentTimeMillis());
        synchronized (this) {
            for (TopicPartition tp : records.partitions()) {
                ActiveTask task = taskByPartition.get(tp);
                if (task != null) task.add(tp, records.records(tp));
            }
            boolean commitRequested = false;
            int processed = 0;
            int punctuations = 0;
            long processNs = 0;
            long punctuateNs = 0;
            for (ActiveTask task : tasks.values()) {
                processed += task.processBuffered();
                processNs += task.lastProcessNs();
                punctuateNs += task.lastPunctuateNs();
                punctuations += task.lastPunctuations();
                commitRequested |= task.task().commitRequested();
            }
            recordProcessPass(processed, processNs, punctuations, punctuateNs);
            checkSendError();
            standbys().update();
            long commitStartNs = System.nanoTime();
            if (commitRequested || System.currentTimeMillis() - lastCommitMs >= commitIntervalMs) commitAll();
            long endNs = System.nanoTime();
            threadMetrics.iterationRatios(millis(polledNs - startNs), millis(processNs), millis(punctuateNs),
                    millis(endNs - commitStartNs), millis(endNs - startNs), System.currentTimeMillis());
        }
    }

    /** At-least-once commit: caches and stores first, then both producers, then the input offsets. */
    private synchronized void commitAll() {
        long startNs = System.nanoTime();
        int committed = 0;
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ActiveTask task : tasks.values()) {
            if (task.commitNeeded()) {
                offsets.putAll(task.prepareCommit());
                committed++;
            }
        }
        producer.flush();
        checkSendError();
        if (!offsets.isEmpty()) consumer.commitSync(offsets);
        for (ActiveTask task : tasks.values()) task.committed();
        standbys().commit();
        lastCommitMs = System.currentTimeMillis();
        threadMetrics.committed(millis(System.nanoTime() - startNs), committed, lastCommitMs);
    }

    private void checkSendError() {
        Exception e = sendError.get();
        if (e != null) throw new StreamsException("a record could not be produced; the thread stops before committing past it", e);
    }

    private final RecordSink recordSink = new RecordSink() {
        @Override
        public void send(String topic, Integer partition, byte[] key, byte[] value,
                         org.apache.kafka.common.header.Headers headers, long timestamp) {
            producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value, headers), (md, e) -> {
                if (e != null) sendError.compareAndSet(null, e);
            });
        }

        @Override
        public int partitionCount(String topic) {
            return producer.partitionsFor(topic).size();
        }
    };

    private ActiveTask openTask(TaskId id) {
        TopologyMetadata.Subtopology sub = metadata.subtopologies().get(id.subtopology());
        File taskDirectory = taskDirectory(id);
        TaskDirectoryLocks.acquire(taskDirectory);
        try {
            return openLockedTask(id, sub);
        } catch (RuntimeException e) {
            TaskDirectoryLocks.release(taskDirectory);
            throw e;
        }
    }

    private File taskDirectory(TaskId id) {
        return new File(new File(stateRoot, metadata.applicationId()), id.toString());
    }

    private ActiveTask openLockedTask(TaskId id, TopologyMetadata.Subtopology sub) {
        RestoreMetricsListener restoreMetrics = new RestoreMetricsListener(restoreListener);
        StandaloneStateStoreContext changelogs = new StandaloneStateStoreContext(metadata.applicationId(), id, stateRoot,
                appConfigs, restoreMetrics, admin, changelogCollector, cache);
        TaskStateStoreContext storeContext = new TaskStateStoreContext(changelogs, streamsMetrics);
        StreamTask task = new StreamTask(id, metadata.builder(), sub.nodeNames(), config, storeContext,
                System::currentTimeMillis, recordSink);
        task.useGlobalStores(metadata::globalStore);
        ActiveTask active = new ActiveTask(task, storeContext, metadata.tasks().get(id));
        restoreMetrics.recordInto(active.enableMetrics(streamsMetrics, getName()));
        try {
            task.initialize(); // opens the stores: restore from the changelog happens here
        } catch (RuntimeException e) {
            active.close();
            throw e;
        }
        threadMetrics.taskCreated();
        return active;
    }

    /**
     * @param clean after a successful commit: flush the stores and write their checkpoint first, which a task that
     *              only restored has not done yet (a restore ends without a flush), so a restart need not restore again
     */
    private synchronized void closeTask(ActiveTask task, boolean clean) {
        for (TopicPartition tp : task.inputs()) taskByPartition.remove(tp);
        tasks.remove(task.id());
        publishTasks();
        try {
            if (clean) task.task().flushStores();
            task.close();
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, getName() + ": closing task " + task.id() + " failed", e);
        } finally {
            TaskDirectoryLocks.release(taskDirectory(task.id()));
            threadMetrics.taskClosed();
        }
    }

    private void shutdown(boolean clean) {
        boolean committed = false;
        if (clean && consumer != null) {
            try {
                try {
                    commitAll();
                } catch (WakeupException e) {
                    commitAll(); // the wakeup that ended the poll loop may still be pending: it fires once
                }
                committed = true;
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.WARNING, getName() + ": the final commit failed; what was processed since "
                        + "the last commit will be processed again", e);
            }
        }
        for (ActiveTask task : Set.copyOf(tasks.values())) closeTask(task, committed);
        standbys().closeAll();
        closeQuietly(consumer);
        closeQuietly(producer);
        closeQuietly(changelogCollector);
        threadMetrics.close();
    }

    private void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception e) {
            log.log(System.Logger.Level.WARNING, getName() + ": closing " + c.getClass().getSimpleName() + " failed", e);
        }
    }

    private final class RebalanceListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            listener.onRebalancing(StreamThread.this, true);
            moveTo(StreamThreadState.PARTITIONS_REVOKED);
            synchronized (StreamThread.this) {
                previousTasks = Set.copyOf(tasks.keySet());
                if (!tasks.isEmpty()) commitAll();
                for (ActiveTask task : tasks.values()) task.clearBuffered();
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            moveTo(StreamThreadState.PARTITIONS_ASSIGNED);
            Set<TaskId> wanted = new HashSet<>();
            for (TopicPartition tp : partitions) wanted.add(metadata.taskFor(tp));
            synchronized (StreamThread.this) {
                for (ActiveTask task : Set.copyOf(tasks.values())) {
                    if (!wanted.contains(task.id())) closeTask(task, true); // committed when revoked
                }
                Set<TaskId> standbyWanted = new HashSet<>(assignedStandbys);
                standbyWanted.removeAll(wanted);
                Set<TaskId> keep = new HashSet<>(standbyWanted);
                keep.addAll(wanted); // a standby of a task now active here is promoted below, not dropped
                standbys().retain(keep);
                for (TaskId id : wanted) {
                    if (tasks.containsKey(id)) continue;
                    standbys().promote(id);
                    ActiveTask task = openTask(id);
                    tasks.put(id, task);
                    for (TopicPartition tp : task.inputs()) taskByPartition.put(tp, task);
                }
                previousTasks = Set.copyOf(tasks.keySet());
                log.log(System.Logger.Level.INFO, getName() + ": running tasks " + tasks.keySet());
                standbys().open(standbyWanted);
                previousStandbys = standbys().ids();
                publishTasks();
            }
            moveTo(StreamThreadState.RUNNING); // the assigned tasks are open and restored
            listener.onRebalancing(StreamThread.this, false);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // the group moved on without us: the tasks may already run elsewhere, so close without committing
            synchronized (StreamThread.this) {
                for (ActiveTask task : Set.copyOf(tasks.values())) closeTask(task, false);
            }
        }
    }

    // ---- interactive queries and standby tasks: the client's metadata, the assignor's hooks, what queries see ----

    private final StreamThreadStateStoreProvider queries = new StreamThreadStateStoreProvider();
    private volatile StreamsMetadataState clientMetadata;

    /** Joins the thread to its client's metadata (process id, endpoint, host maps); before {@link #start()}. */
    public void attach(StreamsMetadataState clientMetadata) {
        this.clientMetadata = clientMetadata;
    }

    /** What interactive queries read of this thread: its state and its tasks' stores. */
    public StreamThreadStateStoreProvider storeProvider() {
        return queries;
    }

    private volatile Set<TaskId> assignedStandbys = Set.of();
    private volatile Set<TaskId> previousStandbys = Set.of();
    private StandbyTasks standbys;

    private StandbyTasks standbys() {
        if (standbys == null) standbys = new StandbyTasks(metadata, stateRoot, appConfigs, getName());
        return standbys;
    }

    @Override
    public Set<TaskId> previousStandbyTasks() {
        return previousStandbys;
    }

    @Override
    public StreamsMetadataState clientMetadata() {
        if (clientMetadata == null) clientMetadata = new StreamsMetadataState(metadata, null); // a thread on its own
        return clientMetadata;
    }

    @Override
    public Set<TaskId> tasksOnDisk() {
        return LocalTaskDirectories.withCheckpoint(new File(stateRoot, metadata.applicationId()));
    }

    @Override
    public int numStandbyReplicas() {
        String v = config.getString(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG);
        return v == null ? 0 : Integer.parseInt(v.trim());
    }

    @Override
    public void onAssignment(AssignmentInfo info) {
        assignedStandbys = info.standbyTasks();
        clientMetadata().onChange(info.activeByHost(), info.standbyByHost());
    }

    /** Hands queries a fresh snapshot of the tasks' stores; under the thread's lock, after every task change. */
    private void publishTasks() {
        Map<TaskId, Map<String, dev.millrace.streams.processor.StateStore>> active = new HashMap<>();
        for (ActiveTask t : tasks.values()) active.put(t.id(), Map.copyOf(t.task().stores()));
        queries.tasksChanged(active, standbys().stores());
    }

    /** Lifecycle steps of a running thread; once asked to stop it stays PENDING_SHUTDOWN until DEAD. */
    private void moveTo(StreamThreadState next) {
        synchronized (stateLock) {
            if (!stopRequested) setState(next);
        }
    }

    /** One state for the thread's metrics and for interactive queries, so both see each transition at once. */
    private void setState(StreamThreadState next) {
        threadState = next;
        queries.setState(next);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Records one process pass: thread-level process and punctuate metrics, each task's share of the time. */
    private void recordProcessPass(int processed, long processNs, int punctuations, long punctuateNs) {
        long now = System.currentTimeMillis();
        threadMetrics.processed(millis(processNs), processed, now);
        threadMetrics.punctuated(millis(punctuateNs), punctuations, now);
        for (ActiveTask task : tasks.values()) task.recordProcessPass(processNs, now);
    }

    private long blockedTimeNs() {
        KafkaConsumer<byte[], byte[]> c = consumer;
        KafkaProducer<byte[], byte[]> p = producer;
        return c == null || p == null ? 0L : BlockedTime.totalNs(c.metrics(), p.metrics());
    }

    /** The metrics of this thread's consumer and producer, which {@code KafkaStreams.metrics()} includes. */
    public Map<MetricName, Metric> clientMetrics() {
        Map<MetricName, Metric> out = new HashMap<>();
        KafkaConsumer<byte[], byte[]> c = consumer;
        KafkaProducer<byte[], byte[]> p = producer;
        if (c != null) out.putAll(c.metrics());
        if (p != null) out.putAll(p.metrics());
        return out;
    }
}
