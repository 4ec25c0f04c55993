package dev.millrace.streams.state.internals;

import dev.millrace.streams.errors.ProcessorStateException;
import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.RecordCollector;
import dev.millrace.streams.processor.StateRestoreCallback;
import dev.millrace.streams.processor.StateRestoreListener;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.processor.TaskId;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps a task's stores warm from their changelogs without processing, Kafka Streams' standby task idea, for the
 * Streams runtime to drive. It is the {@link StateStoreContext} the standby's stores are opened with: their
 * {@code register} calls are recorded (nothing is restored then), and each {@link #poll} reads the changelog
 * partitions with the updater's own consumer (assign and seek, no group, read_uncommitted) from the checkpointed
 * offset onwards and applies the records through each store's restore callback, below its changelog layer.
 * {@link #commit()} flushes the stores and writes the task's {@code .checkpoint} with the offsets applied, in the same
 * file and layout as {@link StandaloneStateStoreContext}.
 *
 * <p>Promotion ({@link #promote()}): stop reading, commit a final checkpoint, close the stores and the consumer. The
 * active task then opens the same stores in the same task directory with its own context, which restores only the
 * changelog tail after that checkpoint.
 *
 * <p>The changelog topics must exist (the active task creates them). Standby stores are never written: the
 * context's record collector rejects sends. Not thread-safe: one thread drives an updater, as a stream thread
 * drives its standby tasks.
 */
public final class StandbyUpdater implements StateStoreContext, ThreadCacheProvider, AutoCloseable {
    private static final class Registration {
        final StateStore store;
        final StateRestoreCallback callback;
        final StateRestoreListener storeListener;
        final long start; // -1: the beginning of the partition
        long applied = -1; // last offset applied, -1 if none
        long count;

        Registration(StateStore store, StateRestoreCallback callback, long start) {
            this.store = store;
            this.callback = callback;
            this.storeListener = callback instanceof StateRestoreListener ? (StateRestoreListener) callback : null;
            this.start = start;
        }
    }

    private final String applicationId;
    private final TaskId taskId;
    private final File stateDir;
    private final Map<String, Object> configs;
    private final Map<TopicPartition, Long> startCheckpoints;
    private final Map<TopicPartition, Long> checkpoints = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    private final Map<TopicPartition, Registration> registrations = new LinkedHashMap<>();
    private final ThreadCache cache;
    private KafkaConsumer<byte[], byte[]> consumer;
    private boolean closed;

    public StandbyUpdater(String applicationId, TaskId taskId, File stateRoot, Map<String, Object> configs) {
        this.applicationId = applicationId;
        this.taskId = taskId;
        this.stateDir = new File(new File(stateRoot, applicationId), taskId.toString());
        this.configs = Map.copyOf(configs);
        if (configs.get("bootstrap.servers") == null) throw new StreamsException("bootstrap.servers is not configured");
        try {
            Files.createDirectories(stateDir.toPath());
            this.startCheckpoints = StandaloneStateStoreContext.readCheckpoint(checkpointFile());
        } catch (IOException e) {
            throw new ProcessorStateException("cannot read the checkpoint of task " + taskId + " in " + stateDir, e);
        }
        this.checkpoints.putAll(startCheckpoints);
        this.cache = new ThreadCache(ThreadCache.maxBytes(configs));
    }

    private Path checkpointFile() {
        return new File(stateDir, StandaloneStateStoreContext.CHECKPOINT_FILE_NAME).toPath();
    }

    private TopicPartition changelogPartition(String storeName) {
        return new TopicPartition(MeteredKeyValueStore.changelogTopic(applicationId, storeName), taskId.partition());
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
    public ThreadCache cache() {
        return cache;
    }

    /** Standby stores process nothing, so nothing may be logged; the collector exists so logged stores register. */
    @Override
    public RecordCollector recordCollector() {
        return REJECTING_COLLECTOR;
    }

    /** The changelog layers check for it before writing, so a refused write leaves the store untouched. */
    static final RecordCollector REJECTING_COLLECTOR = new RecordCollector() {
        @Override
        public void send(String topic, int partition, Bytes key, byte[] value, long timestamp) {
            throw standbyWrite(topic);
        }

        @Override
        public void flush() {
        }

        @Override
        public Map<TopicPartition, Long> offsets() {
            return Map.of();
        }
    };

    static IllegalStateException standbyWrite(String what) {
        return new IllegalStateException("a standby store is written only from its changelog; write to " + what + " refused");
    }

    @Override
    public Long checkpointedOffset(String storeName) {
        return startCheckpoints.get(changelogPartition(storeName));
    }

    /** Records the store; its changelog is read from the next {@link #poll} on. */
    @Override
    public void register(StateStore store, StateRestoreCallback callback, Map<String, String> changelogConfig) {
        checkNotClosed();
        TopicPartition tp = changelogPartition(store.name());
        Long checkpointed = store.persistent() ? startCheckpoints.get(tp) : null;
        Registration r = new Registration(store, callback, checkpointed == null ? -1 : checkpointed + 1);
        registrations.put(tp, r);
        if (consumer != null) { // a store registered after polling began joins the assignment
            consumer.assign(new ArrayList<>(registrations.keySet()));
            seek(tp, r);
        }
        // the store is "restoring" for as long as it is a standby (e.g. LRU evictions are not logged); start == end,
        // so no bulk-load mode: a standby applies small batches for a long time
        long from = Math.max(r.start, 0);
        if (r.storeListener != null) r.storeListener.onRestoreStart(tp, store.name(), from, from);
    }

    private void seek(TopicPartition tp, Registration r) {
        long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
        consumer.seek(tp, Math.max(r.start, begin)); // compaction or retention may have removed the head
    }

    private void checkNotClosed() {
        if (closed) throw new IllegalStateException("standby updater of task " + taskId + " is closed");
    }

    /**
     * Reads what the changelogs have beyond the applied offsets, waiting up to {@code timeout} for it, and applies it
     * through the stores' restore callbacks. Returns the number of records applied.
     */
    public int poll(Duration timeout) {
        checkNotClosed();
        if (registrations.isEmpty()) return 0;
        if (consumer == null) {
            Map<String, Object> c = new HashMap<>();
            c.put("bootstrap.servers", configs.get("bootstrap.servers"));
            for (Map.Entry<String, Object> e : configs.entrySet()) {
                if (e.getKey().startsWith("restore.consumer.")) c.put(e.getKey().substring("restore.consumer.".length()), e.getValue());
            }
            c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            c.remove(ConsumerConfig.GROUP_ID_CONFIG);
            c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = new KafkaConsumer<>(c);
            consumer.assign(new ArrayList<>(registrations.keySet()));
            for (Map.Entry<TopicPartition, Registration> e : registrations.entrySet()) seek(e.getKey(), e.getValue());
        }
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(timeout);
        int applied = 0;
        for (TopicPartition tp : polled.partitions()) {
            Registration r = registrations.get(tp);
            List<ConsumerRecord<byte[], byte[]>> batch = polled.records(tp);
            if (r == null || batch.isEmpty()) continue;
            StandaloneStateStoreContext.apply(r.callback, batch);
            r.applied = batch.get(batch.size() - 1).offset();
            r.count += batch.size();
            applied += batch.size();
            if (r.storeListener != null) r.storeListener.onBatchRestored(tp, r.store.name(), r.applied, batch.size());
        }
        return applied;
    }

    /** How many changelog records the store is behind the end of its partition now. */
    public long lag(String storeName) {
        checkNotClosed();
        TopicPartition tp = changelogPartition(storeName);
        Registration r = registrations.get(tp);
        if (r == null) throw new IllegalArgumentException("store " + storeName + " is not registered");
        long end = consumer == null ? readEndOffset(tp) : consumer.endOffsets(List.of(tp)).get(tp);
        long next = consumer == null ? Math.max(r.start, 0) : consumer.position(tp);
        return Math.max(0, end - next);
    }

    private long readEndOffset(TopicPartition tp) {
        poll(Duration.ZERO); // makes the consumer; whatever it read is applied, not lost
        return consumer.endOffsets(List.of(tp)).get(tp);
    }

    /** Records applied to the store since this updater started. */
    public long appliedRecords(String storeName) {
        Registration r = registrations.get(changelogPartition(storeName));
        return r == null ? 0 : r.count;
    }

    /**
     * Flushes every store (persistent ones to disk) and writes the checkpoint of what they hold; the stores' changelog
     * layers call back {@link #checkpoint} from their flush.
     */
    public void commit() {
        checkNotClosed();
        for (Registration r : registrations.values()) r.store.flush();
    }

    @Override
    public void checkpoint(String storeName) {
        TopicPartition tp = changelogPartition(storeName);
        Registration r = registrations.get(tp);
        if (r == null || r.applied < 0 || !r.store.persistent()) return; // nothing new: the old line stays true
        checkpoints.put(tp, r.applied);
        try {
            StringBuilder sb = new StringBuilder("0\n").append(checkpoints.size()).append('\n');
            for (Map.Entry<TopicPartition, Long> e : checkpoints.entrySet()) {
                sb.append(e.getKey().topic()).append(' ').append(e.getKey().partition()).append(' ').append(e.getValue()).append('\n');
            }
            Path tmp = checkpointFile().resolveSibling(StandaloneStateStoreContext.CHECKPOINT_FILE_NAME + ".tmp");
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, checkpointFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ProcessorStateException("cannot write the checkpoint of standby task " + taskId, e);
        }
    }

    /**
     * Hands the stores over to an active task: stops reading, commits a final checkpoint, closes the stores and the
     * consumer. Returns the checkpointed offset of each store's changelog (absent: nothing to checkpoint, e.g. heap
     * stores), from which the active task's restore will continue.
     */
    public Map<TopicPartition, Long> promote() {
        checkNotClosed();
        commit();
        Map<TopicPartition, Long> handedOver = new HashMap<>();
        for (Map.Entry<TopicPartition, Registration> e : registrations.entrySet()) {
            Long cp = checkpoints.get(e.getKey());
            if (cp != null && e.getValue().store.persistent()) handedOver.put(e.getKey(), cp);
        }
        close();
        return handedOver;
    }

    /** Stops without a final commit (a standby dropped, not promoted); the last commit's checkpoint stays. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            for (Map.Entry<TopicPartition, Registration> e : registrations.entrySet()) {
                Registration r = e.getValue();
                if (r.storeListener != null) r.storeListener.onRestoreEnd(e.getKey(), r.store.name(), 0);
                r.store.close();
            }
        } finally {
            if (consumer != null) consumer.close();
        }
    }
}
