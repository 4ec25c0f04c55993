package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.ProcessorStateException;
import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.BatchingStateRestoreCallback;
import dev.millrace.streams.processor.RecordCollector;
import dev.millrace.streams.processor.RecordContext;
import dev.millrace.streams.processor.StateRestoreCallback;
import dev.millrace.streams.processor.StateRestoreListener;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.processor.TaskId;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

/**
 * A task's {@link StateStoreContext} with changelogs, for use without the Streams runtime (which will own the same
 * pieces per task): it owns an idempotent producer ({@link ChangelogRecordCollector}) and an Admin client, creates
 * each logged store's compacted changelog topic, restores stores in {@link #register} with a consumer that uses
 * assign/seek (no group), and keeps the task's {@code .checkpoint} file.
 *
 * <p>Configs: {@code bootstrap.servers}; {@code replication.factor} for changelog topics (default -1: the broker's
 * default); client overrides with Kafka Streams' prefixes {@code producer.}, {@code restore.consumer.},
 * {@code admin.}; the restore batch is the restore consumer's {@code max.poll.records} (default 1000).
 *
 * <p>The {@code .checkpoint} file has Kafka Streams' text layout: version {@code 0}, the entry count, then one
 * {@code <topic> <partition> <offset>} line per changelog, the offset being the last changelog record the store holds.
 * It is read once, when the context is made (task start), and rewritten whole on every {@link #checkpoint}.
 */
public final class StandaloneStateStoreContext implements StateStoreContext, ThreadCacheProvider, AutoCloseable {
    public static final String CHECKPOINT_FILE_NAME = ".checkpoint";
    public static final String REPLICATION_FACTOR_CONFIG = "replication.factor";
    static final Duration RESTORE_STALL_TIMEOUT = Duration.ofSeconds(60);

    private final String applicationId;
    private final TaskId taskId;
    private final File stateDir;
    private final Map<String, Object> configs;
    private final StateRestoreListener restoreListener;
    private final ChangelogRecordCollector collector;
    private final Admin admin;
    /** Offsets as read at task start; entries are never consulted again after a store registers. */
    private final Map<TopicPartition, Long> startCheckpoints;
    /** Offsets restored to, per registered store's changelog. */
    private final Map<TopicPartition, Long> restoredOffsets = new HashMap<>();
    /** What the file says now. */
    private final Map<TopicPartition, Long> checkpoints;
    private volatile RecordContext recordContext;
    /** False when a Streams thread lends its Admin, changelog producer and cache to each of its tasks' contexts. */
    private final boolean ownsClients;

    public StandaloneStateStoreContext(String applicationId, TaskId taskId, File stateRoot, Map<String, Object> configs,
                                       StateRestoreListener restoreListener) {
        this(applicationId, taskId, stateRoot, configs, restoreListener, null, null, null);
    }

    /**
     * A context over clients the caller owns and shares between tasks (a stream thread's Admin, changelog producer
     * and record cache); {@link #close()} then leaves them open. Null arguments are made and owned here.
     */
    public StandaloneStateStoreContext(String applicationId, TaskId taskId, File stateRoot, Map<String, Object> configs,
                                       StateRestoreListener restoreListener, Admin sharedAdmin,
                                       ChangelogRecordCollector sharedCollector, ThreadCache sharedCache) {
        this.applicationId = applicationId;
        this.taskId = taskId;
        this.stateDir = new File(new File(stateRoot, applicationId), taskId.toString());
        this.configs = Map.copyOf(configs);
        this.restoreListener = restoreListener == null ? StateRestoreListener.NO_OP : restoreListener;
        try {
            Files.createDirectories(stateDir.toPath());
            this.startCheckpoints = readCheckpoint(checkpointFile());
        } catch (IOException e) {
            throw new ProcessorStateException("cannot read the checkpoint of task " + taskId + " in " + stateDir, e);
        }
        this.checkpoints = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        this.checkpoints.putAll(startCheckpoints);
        this.ownsClients = sharedAdmin == null;
        this.admin = sharedAdmin != null ? sharedAdmin : Admin.create(clientConfigs("admin."));
        this.collector = sharedCollector != null ? sharedCollector : new ChangelogRecordCollector(clientConfigs("producer."));
        this.cache = sharedCache;
    }

    private Map<String, Object> clientConfigs(String prefix) {
        Map<String, Object> c = new HashMap<>();
        Object bootstrap = configs.get("bootstrap.servers");
        if (bootstrap == null) throw new StreamsException("bootstrap.servers is not configured");
        c.put("bootstrap.servers", bootstrap);
        for (Map.Entry<String, Object> e : configs.entrySet()) {
            if (e.getKey().startsWith(prefix)) c.put(e.getKey().substring(prefix.length()), e.getValue());
        }
        return c;
    }

    private Path checkpointFile() {
        return new File(stateDir, CHECKPOINT_FILE_NAME).toPath();
    }

    static Map<TopicPartition, Long> readCheckpoint(Path file) throws IOException {
        Map<TopicPartition, Long> result = new HashMap<>();
        if (!Files.exists(file)) return result;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).trim().equals("0")) throw new IOException("bad checkpoint file " + file);
        int n = Integer.parseInt(lines.get(1).trim());
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(2 + i).trim().split(" ");
            if (f.length != 3) throw new IOException("bad checkpoint line in " + file + ": " + lines.get(2 + i));
            result.put(new TopicPartition(f[0], Integer.parseInt(f[1])), Long.parseLong(f[2]));
        }
        return result;
    }

    private void writeCheckpoint() throws IOException {
        StringBuilder sb = new StringBuilder("0\n").append(checkpoints.size()).append('\n');
        for (Map.Entry<TopicPartition, Long> e : checkpoints.entrySet()) {
            sb.append(e.getKey().topic()).append(' ').append(e.getKey().partition()).append(' ').append(e.getValue()).append('\n');
        }
        // write aside and rename, so a crash leaves the old file or the new one, never half of one
        Path tmp = checkpointFile().resolveSibling(CHECKPOINT_FILE_NAME + ".tmp");
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, checkpointFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private ThreadCache cache;

    /** The record cache shared by the caching stores opened with this context, made on first use with its budget. */
    @Override
    public synchronized ThreadCache cache() {
        if (cache == null) cache = new ThreadCache(ThreadCache.maxBytes(configs));
        return cache;
    }

    @Override
    public String applicationId() {
        return applicationId;
    }

    @Override
    public TaskId taskId() {
        return taskId;
    }

    @Override
    public File stateDir() {
        return stateDir;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return configs;
    }

    @Override
    public RecordCollector recordCollector() {
        return collector;
    }

    /** The record the caller is processing; null (the default) stamps changelog records with the wall clock. */
    public void setRecordContext(RecordContext recordContext) {
        this.recordContext = recordContext;
    }

    @Override
    public RecordContext recordContext() {
        return recordContext;
    }

    private TopicPartition changelogPartition(String storeName) {
        return new TopicPartition(MeteredKeyValueStore.changelogTopic(applicationId, storeName), taskId.partition());
    }

    @Override
    public Long checkpointedOffset(String storeName) {
        return startCheckpoints.get(changelogPartition(storeName));
    }

    @Override
    public synchronized void checkpoint(String storeName) {
        TopicPartition tp = changelogPartition(storeName);
        Long acked = collector.offsets().get(tp);
        Long restored = restoredOffsets.get(tp);
        long offset = Math.max(acked == null ? -1 : acked, restored == null ? -1 : restored);
        if (offset < 0) return; // nothing in the changelog yet: no checkpoint is the truth
        checkpoints.put(tp, offset);
        try {
            writeCheckpoint();
        } catch (IOException e) {
            throw new ProcessorStateException("cannot write the checkpoint of task " + taskId, e);
        }
    }

    @Override
    public void register(StateStore store, StateRestoreCallback callback, Map<String, String> changelogConfig) {
        TopicPartition tp = changelogPartition(store.name());
        ensureChangelogTopic(tp, changelogConfig);
        // only a persistent store still holds what it checkpointed; a heap store starts empty and replays it all
        Long checkpointed = store.persistent() ? startCheckpoints.get(tp) : null;
        restore(store.name(), tp, checkpointed, callback);
    }

    private void ensureChangelogTopic(TopicPartition tp, Map<String, String> changelogConfig) {
        Map<String, String> topicConfig = new HashMap<>(changelogConfig);
        // a changelog is a table: compaction keeps the latest per key; window and session stores ask for compact,delete
        topicConfig.putIfAbsent("cleanup.policy", "compact");
        short replication = Short.parseShort(String.valueOf(configs.getOrDefault(REPLICATION_FACTOR_CONFIG, "-1")));
        // the task's partition must exist; the runtime will size changelogs as the input topics
        NewTopic topic = new NewTopic(tp.topic(), Optional.of(tp.partition() + 1),
                replication < 0 ? Optional.empty() : Optional.of(replication)).configs(topicConfig);
        try {
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StreamsException("cannot create changelog topic " + tp.topic(), e.getCause());
            }
            try {
                TopicDescription d = admin.describeTopics(Set.of(tp.topic())).allTopicNames().get().get(tp.topic());
                if (d.partitions().size() <= tp.partition()) {
                    throw new StreamsException("changelog topic " + tp.topic() + " has " + d.partitions().size()
                            + " partitions; task " + taskId + " needs partition " + tp.partition());
                }
            } catch (ExecutionException | InterruptedException e2) {
                throw new StreamsException("cannot describe changelog topic " + tp.topic(), e2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("interrupted creating changelog topic " + tp.topic(), e);
        }
    }

    private void restore(String storeName, TopicPartition tp, Long checkpointed, StateRestoreCallback callback) {
        Map<String, Object> c = clientConfigs("restore.consumer.");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG); // assign/seek only: no group, no committed offsets
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        StateRestoreListener storeListener = callback instanceof StateRestoreListener ? (StateRestoreListener) callback : null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            consumer.assign(List.of(tp));
            long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long start = checkpointed == null ? begin : checkpointed + 1;
            if (start > end) {
                throw new ProcessorStateException("store " + storeName + " is checkpointed at " + checkpointed
                        + " but its changelog " + tp + " ends at " + end + ": the changelog was replaced");
            }
            start = Math.max(start, begin); // compaction or retention may have removed the head
            restoreListener.onRestoreStart(tp, storeName, start, end);
            if (storeListener != null) storeListener.onRestoreStart(tp, storeName, start, end);
            consumer.seek(tp, start);
            long total = 0;
            long lastProgress = System.nanoTime();
            while (consumer.position(tp) < end) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(100));
                List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(polled.count());
                for (ConsumerRecord<byte[], byte[]> r : polled.records(tp)) {
                    if (r.offset() < end) batch.add(r); // records written after restore began are this store's own
                }
                if (batch.isEmpty()) {
                    if (System.nanoTime() - lastProgress > RESTORE_STALL_TIMEOUT.toNanos()) {
                        throw new StreamsException("restore of store " + storeName + " from " + tp + " made no progress for "
                                + RESTORE_STALL_TIMEOUT + " at offset " + consumer.position(tp) + " of " + end);
                    }
                    continue;
                }
                apply(callback, batch);
                long batchEnd = batch.get(batch.size() - 1).offset();
                total += batch.size();
                lastProgress = System.nanoTime();
                restoreListener.onBatchRestored(tp, storeName, batchEnd, batch.size());
                if (storeListener != null) storeListener.onBatchRestored(tp, storeName, batchEnd, batch.size());
            }
            if (storeListener != null) storeListener.onRestoreEnd(tp, storeName, total);
            restoreListener.onRestoreEnd(tp, storeName, total);
            synchronized (this) {
                if (end > 0) restoredOffsets.put(tp, end - 1);
            }
        }
    }

    static void apply(StateRestoreCallback callback, List<ConsumerRecord<byte[], byte[]>> batch) {
        if (callback instanceof RecordBatchingStateRestoreCallback) {
            ((RecordBatchingStateRestoreCallback) callback).restoreBatch(batch);
        } else if (callback instanceof BatchingStateRestoreCallback) {
            List<KeyValue<byte[], byte[]>> kvs = new ArrayList<>(batch.size());
            for (ConsumerRecord<byte[], byte[]> r : batch) kvs.add(KeyValue.pair(r.key(), r.value()));
            ((BatchingStateRestoreCallback) callback).restoreAll(kvs);
        } else {
            for (ConsumerRecord<byte[], byte[]> r : batch) callback.restore(r.key(), r.value());
        }
    }

    /** Closes the producer (after sending what it holds) and the admin client, when owned. Does not checkpoint. */
    @Override
    public void close() {
        if (!ownsClients) return;
        collector.close();
        admin.close();
    }
}
