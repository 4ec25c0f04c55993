package dev.millrace.streams.processor.internals;

import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.processor.StateRestoreCallback;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.processor.TaskId;
import org.apache.kafka.common.header.Headers;

import java.io.File;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The global stores of a topology and the nodes that update them (each global table's source and table-source
 * processor), run as one task ({@code -1_-1}, as Kafka Streams names it) over the global topics. The test driver feeds
 * it the records piped to those topics; at runtime the {@link GlobalStreamThread} feeds it every partition. Stores
 * live under {@code <state.dir>/<application.id>/global}, have no changelog (the topic is one) and are read by the
 * stream tasks' processors through {@link StreamTask#useGlobalStores}.
 */
public final class GlobalStateTask {
    static final TaskId GLOBAL_TASK_ID = new TaskId(-1, -1);
    private static final String GLOBAL_DIR = "global";

    private final StreamTask task;
    private final Set<String> topics;
    private final File stateDir;

    private GlobalStateTask(InternalTopologyBuilder builder, StreamsConfig config, File stateRoot, LongSupplier wallClock) {
        String applicationId = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        this.stateDir = new File(new File(stateRoot, applicationId), GLOBAL_DIR);
        this.topics = builder.globalTopics();
        this.task = new StreamTask(GLOBAL_TASK_ID, builder, builder.globalNodeNames(), config,
                new GlobalStoreContext(applicationId, stateDir, config.originals()), wallClock, new RecordSink() {
                    @Override
                    public void send(String topic, Integer partition, byte[] key, byte[] value,
                                     org.apache.kafka.common.header.Headers headers, long timestamp) {
                        throw new IllegalStateException("a global store's processor cannot write to topic " + topic);
                    }

                    @Override
                    public int partitionCount(String topic) {
                        throw new IllegalStateException("a global store's processor cannot write to topic " + topic);
                    }
                });
    }

    /** The global task of this topology, opened; null when it has no global stores. */
    public static GlobalStateTask openIfAny(InternalTopologyBuilder builder, StreamsConfig config, File stateRoot,
                                            LongSupplier wallClock) {
        if (builder.globalTopics().isEmpty()) return null;
        GlobalStateTask global = new GlobalStateTask(builder, config, stateRoot, wallClock);
        global.task.initialize();
        return global;
    }

    public Set<String> topics() {
        return Collections.unmodifiableSet(topics);
    }

    public boolean consumes(String topic) {
        return topics.contains(topic);
    }

    /** Runs one record of a global topic through its store's processor. */
    public void process(String topic, int partition, long offset, byte[] key, byte[] value, long timestamp, Headers headers) {
        task.process(topic, partition, offset, key, value, timestamp, headers);
    }

    /** Flushes the stores to disk (before their offsets are checkpointed). */
    public void flush() {
        task.commit();
        task.flushStores();
    }

    /** Records the global processors dropped (null keys); Kafka counts them on task {@code -1_-1}. */
    public long droppedRecordsTotal() {
        return task.droppedRecordsTotal();
    }

    public StateStore store(String name) {
        return task.stores().get(name);
    }

    public Map<String, StateStore> stores() {
        return task.stores();
    }

    /** {@code <state.dir>/<application.id>/global}: the stores' and the offsets checkpoint's directory. */
    public File stateDir() {
        return stateDir;
    }

    public void close() {
        task.close();
    }

    /** Global stores open with no changelog and no record cache, in the global directory. */
    private record GlobalStoreContext(String applicationId, File stateDir, Map<String, Object> appConfigs)
            implements StateStoreContext {
        @Override
        public TaskId taskId() {
            return GLOBAL_TASK_ID;
        }

        @Override
        public void register(StateStore store, StateRestoreCallback callback, Map<String, String> changelogConfig) {
        }
    }
}
