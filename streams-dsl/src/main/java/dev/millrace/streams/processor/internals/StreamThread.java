package dev.millrace.streams.processor.internals;

import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.StateRestoreListener;
import dev.millrace.streams.processor.TaskId;
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

    public StreamThread(String name, TopologyMetadata metadata, StreamsConfig config, File stateRoot, Admin admin,
                        long commitIntervalMs, long cacheMaxBytes, StateRestoreListener restoreListener, Listener listener) {
        super(name);
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
        stopRequested = true;
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
        shutdown(failure == null);
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
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIME);
        synchronized (this) {
            for (TopicPartition tp : records.partitions()) {
                ActiveTask task = taskByPartition.get(tp);
                if (task != null) task.add(tp, records.records(tp));
            }
            boolean commitRequested = false;
            for (ActiveTask task : tasks.values()) {
                task.processBuffered();
                commitRequested |= task.task().commitRequested();
            }
            checkSendError();
            if (commitRequested || System.currentTimeMillis() - lastCommitMs >= commitIntervalMs) commitAll();
        }
    }

    /** At-least-once commit: caches and stores first, then both producers, then the input offsets. */
    private synchronized void commitAll() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ActiveTask task : tasks.values()) {
            if (task.commitNeeded()) offsets.putAll(task.prepareCommit());
        }
        producer.flush();
        checkSendError();
        if (!offsets.isEmpty()) consumer.commitSync(offsets);
        for (ActiveTask task : tasks.values()) task.committed();
        lastCommitMs = System.currentTimeMillis();
    }

    private void checkSendError() {
        Exception e = sendError.get();
        if (e != null) throw new StreamsException("a record could not be produced; the thread stops before committing past it", e);
    }

    private void send(String topic, byte[] key, byte[] value, org.apache.kafka.common.header.Headers headers, long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key, value, headers), (md, e) -> {
            if (e != null) sendError.compareAndSet(null, e);
        });
    }

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
        StandaloneStateStoreContext changelogs = new StandaloneStateStoreContext(metadata.applicationId(), id, stateRoot,
                appConfigs, restoreListener, admin, changelogCollector, cache);
        TaskStateStoreContext storeContext = new TaskStateStoreContext(changelogs);
        StreamTask task = new StreamTask(id, metadata.builder(), sub.nodeNames(), config, storeContext,
                System::currentTimeMillis, this::send);
        task.useGlobalStores(metadata::globalStore);
        ActiveTask active = new ActiveTask(task, storeContext, metadata.tasks().get(id));
        try {
            task.initialize(); // opens the stores: restore from the changelog happens here
        } catch (RuntimeException e) {
            active.close();
            throw e;
        }
        return active;
    }

    private synchronized void closeTask(ActiveTask task) {
        for (TopicPartition tp : task.inputs()) taskByPartition.remove(tp);
        tasks.remove(task.id());
        try {
            task.close();
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, getName() + ": closing task " + task.id() + " failed", e);
        } finally {
            TaskDirectoryLocks.release(taskDirectory(task.id()));
        }
    }

    private void shutdown(boolean clean) {
        if (clean && consumer != null) {
            try {
                try {
                    commitAll();
                } catch (WakeupException e) {
                    commitAll(); // the wakeup that ended the poll loop may still be pending: it fires once
                }
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.WARNING, getName() + ": the final commit failed; what was processed since "
                        + "the last commit will be processed again", e);
            }
        }
        for (ActiveTask task : Set.copyOf(tasks.values())) closeTask(task);
        closeQuietly(consumer);
        closeQuietly(producer);
        closeQuietly(changelogCollector);
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
            synchronized (StreamThread.this) {
                previousTasks = Set.copyOf(tasks.keySet());
                if (!tasks.isEmpty()) commitAll();
                for (ActiveTask task : tasks.values()) task.clearBuffered();
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Set<TaskId> wanted = new HashSet<>();
            for (TopicPartition tp : partitions) wanted.add(metadata.taskFor(tp));
            synchronized (StreamThread.this) {
                for (ActiveTask task : Set.copyOf(tasks.values())) {
                    if (!wanted.contains(task.id())) closeTask(task);
                }
                for (TaskId id : wanted) {
                    if (tasks.containsKey(id)) continue;
                    ActiveTask task = openTask(id);
                    tasks.put(id, task);
                    for (TopicPartition tp : task.inputs()) taskByPartition.put(tp, task);
                }
                previousTasks = Set.copyOf(tasks.keySet());
                log.log(System.Logger.Level.INFO, getName() + ": running tasks " + tasks.keySet());
            }
            listener.onRebalancing(StreamThread.this, false);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // the group moved on without us: the tasks may already run elsewhere, so close without committing
            synchronized (StreamThread.this) {
                for (ActiveTask task : Set.copyOf(tasks.values())) closeTask(task);
            }
        }
    }
}
