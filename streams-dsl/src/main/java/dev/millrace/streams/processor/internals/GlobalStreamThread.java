package dev.millrace.streams.processor.internals;

import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.StateStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the global stores of one client, as Kafka Streams' global thread: a consumer outside any group assigned every
 * partition of the global topics. {@link #initialize} (called by {@code KafkaStreams.start()} before the stream
 * threads start, so no task reads a half-loaded table) resumes each partition from the offset in
 * {@code <state.dir>/<application.id>/global/.checkpoint}, or its beginning, and runs the records up to the end offsets
 * through the stores' processors. The thread then follows the topics, flushing the stores and checkpointing every
 * {@code commit.interval.ms}, and on {@link #shutdown}. If it fails, the client shuts down into {@code ERROR}, as
 * Kafka Streams' does. Consumer settings may be given with the {@code global.consumer.} prefix.
 */
public final class GlobalStreamThread extends Thread {
    private static final System.Logger LOG = System.getLogger(GlobalStreamThread.class.getName());
    private static final Duration POLL_TIME = Duration.ofMillis(100);

    private final InternalTopologyBuilder builder;
    private final StreamsConfig config;
    private final File stateRoot;
    private final long commitIntervalMs;
    private final Runnable onFailure;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private volatile boolean running = true;
    private volatile Throwable failure;
    private GlobalStateTask task;
    private KafkaConsumer<byte[], byte[]> consumer;
    private GlobalOffsetCheckpoint checkpoint;

    /** {@code onFailure} runs on this thread once it has stopped because of an error (the client shuts down). */
    public GlobalStreamThread(String clientId, InternalTopologyBuilder builder, StreamsConfig config, File stateRoot,
                              long commitIntervalMs, Runnable onFailure) {
        super(clientId + "-GlobalStreamThread");
        this.builder = builder;
        this.config = config;
        this.stateRoot = stateRoot;
        this.commitIntervalMs = commitIntervalMs;
        this.onFailure = onFailure;
        setDaemon(true);
    }

    /** Opens the stores and brings them up to the topics' current ends; on failure everything opened is closed. */
    public void initialize() {
        try {
            task = GlobalStateTask.openIfAny(builder, config, stateRoot, System::currentTimeMillis);
            checkpoint = new GlobalOffsetCheckpoint(task.stateDir().toPath());
            consumer = new KafkaConsumer<>(consumerConfigs());
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : task.topics()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos == null || infos.isEmpty()) throw new StreamsException("Global topic " + topic + " does not exist");
                for (PartitionInfo info : infos) partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> checkpointed = persistentStores() ? checkpoint.read() : Map.of();
            for (TopicPartition tp : partitions) {
                Long offset = checkpointed.get(tp);
                if (offset != null) consumer.seek(tp, offset);
                else consumer.seekToBeginning(List.of(tp));
            }
            restore(consumer.endOffsets(partitions));
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private boolean persistentStores() {
        for (StateStore store : task.stores().values()) {
            if (!store.persistent()) return false; // a heap store starts empty: replay the topics whole
        }
        return true;
    }

    private void restore(Map<TopicPartition, Long> endOffsets) {
        while (true) {
            boolean caughtUp = true;
            for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
                if (consumer.position(e.getKey()) < e.getValue()) caughtUp = false;
            }
            if (caughtUp) break;
            processPolled();
        }
        for (TopicPartition tp : endOffsets.keySet()) positions.put(tp, consumer.position(tp));
        flushAndCheckpoint();
        LOG.log(System.Logger.Level.INFO, "Global stores " + task.stores().keySet() + " restored up to " + positions);
    }

    private void processPolled() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL_TIME)) {
            task.process(r.topic(), r.partition(), r.offset(), r.key(), r.value(), r.timestamp(), r.headers());
            positions.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
        }
    }

    private void flushAndCheckpoint() {
        task.flush();
        checkpoint.write(positions);
    }

    /** The global store of that name, or null; what the stream tasks' processors read. */
    public StateStore store(String name) {
        return task == null ? null : task.store(name);
    }

    @Override
    public void run() {
        long lastCommit = System.currentTimeMillis();
        try {
            while (running) {
                processPolled();
                if (System.currentTimeMillis() - lastCommit >= commitIntervalMs) {
                    flushAndCheckpoint();
                    lastCommit = System.currentTimeMillis();
                }
            }
            flushAndCheckpoint();
        } catch (WakeupException e) {
            if (running) failure = e;
            else flushAndCheckpoint();
        } catch (Throwable t) {
            failure = t;
            LOG.log(System.Logger.Level.ERROR, getName() + " failed; the client shuts down", t);
        } finally {
            closeQuietly();
        }
        if (failure != null) onFailure.run();
    }

    /** Stops the thread: it flushes and checkpoints, then closes the stores and the consumer. */
    public void shutdown() {
        running = false;
        if (consumer != null) consumer.wakeup();
    }

    /** What stopped the thread, or null. */
    public Throwable failure() {
        return failure;
    }

    private void closeQuietly() {
        try {
            if (task != null) task.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the global stores failed", e);
        }
        try {
            if (consumer != null) consumer.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the global consumer failed", e);
        }
    }

    private Map<String, Object> consumerConfigs() {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getString(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        for (Map.Entry<String, Object> e : config.originals().entrySet()) {
            if (e.getKey().startsWith("global.consumer.")) c.put(e.getKey().substring("global.consumer.".length()), e.getValue());
        }
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, getName() + "-global-consumer");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG); // no group: every instance reads every partition
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return c;
    }
}
