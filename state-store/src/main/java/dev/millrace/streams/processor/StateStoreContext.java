package dev.millrace.streams.processor;

import java.io.File;
import java.util.Map;

/**
 * What a store is given when it opens, as Kafka Streams' {@code org.apache.kafka.streams.processor.StateStoreContext}.
 *
 * <p>{@link #register} is Kafka's. The other changelog methods ({@link #recordCollector}, {@link #checkpointedOffset},
 * {@link #checkpoint}) are what Kafka Streams keeps on its internal processor context and state manager; a context
 * without changelogs (no broker, e.g. {@code SimpleStateStoreContext}) returns null from {@link #recordCollector}
 * and logged stores then write no changelog.
 */
public interface StateStoreContext {
    /** The {@code application.id}: prefix of changelog topic names and the state directory's name. */
    String applicationId();

    TaskId taskId();

    /** The task's own state directory ({@code <state.dir>/<application.id>/<task id>}); stores live below it. */
    File stateDir();

    /** The application's configuration, e.g. {@code rocksdb.config.setter}, {@code default.key.serde}. */
    Map<String, Object> appConfigs();

    /**
     * Registers an opened store for restore from its changelog {@code <application.id>-<store>-changelog},
     * partition {@link TaskId#partition()}, with default topic configs. See the three-argument form.
     */
    default void register(StateStore store, StateRestoreCallback stateRestoreCallback) {
        register(store, stateRestoreCallback, Map.of());
    }

    /**
     * Registers an opened store: creates its compacted changelog topic if missing (with {@code changelogConfig} on
     * top of {@code cleanup.policy=compact}), then restores it through the callback from the checkpointed offset (a
     * persistent store with a checkpoint) or the start of the partition, to the partition's end. Returns when the
     * store is restored.
     */
    void register(StateStore store, StateRestoreCallback stateRestoreCallback, Map<String, String> changelogConfig);

    /** Where logged stores send changes; null when this context has no changelogs. */
    default RecordCollector recordCollector() {
        return null;
    }

    /**
     * The record being processed, whose timestamp changelog records carry; null outside processing (then stores
     * stamp their changelog records with the wall clock). Kafka Streams keeps it on its internal processor context.
     */
    default RecordContext recordContext() {
        return null;
    }

    /** The changelog offset checkpointed for the store when the task started, or null if none. */
    default Long checkpointedOffset(String storeName) {
        return null;
    }

    /**
     * Records in the task's {@code .checkpoint} file that the store holds its changelog up to the last acknowledged
     * (or restored) offset. Call only once the store's writes are flushed to disk and the collector flushed.
     */
    default void checkpoint(String storeName) {
    }

    /**
     * The client's metrics, as Kafka Streams' {@code StateStoreContext.metrics()}; stores register their
     * {@code stream-state-metrics} there. Null for a context without a Streams client (e.g. a store opened alone).
     */
    default dev.millrace.streams.StreamsMetrics metrics() {
        return null;
    }
}
