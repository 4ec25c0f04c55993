package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.StoreBuilder;
import dev.millrace.streams.state.internals.StandbyUpdater;
import org.apache.kafka.common.TopicPartition;

import java.io.File;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A standby replica of a task: the task's logged stores, opened in the task directory with state-store's
 * {@link StandbyUpdater} as their context, kept up to date from their changelogs without processing anything. It
 * holds the task directory's lock from opening to {@link #close()} or {@link #promote()}. Stores without a changelog
 * are not kept (there is nothing to follow).
 */
final class StandbyTask {
    private final TaskId id;
    private final File directory;
    private final StandbyUpdater updater;
    private final Map<String, StateStore> stores = new LinkedHashMap<>();

    private StandbyTask(TaskId id, File directory, StandbyUpdater updater) {
        this.id = id;
        this.directory = directory;
        this.updater = updater;
    }

    /** Locks the task directory and opens the logged stores of the sub-topology; nothing is read until {@link #update}. */
    static StandbyTask open(TaskId id, TopologyMetadata.Subtopology sub, String applicationId, File stateRoot, Map<String, Object> configs) {
        File directory = new File(new File(stateRoot, applicationId), id.toString());
        TaskDirectoryLocks.acquire(directory);
        StandbyUpdater updater = null;
        try {
            updater = new StandbyUpdater(applicationId, id, stateRoot, configs);
            StandbyTask task = new StandbyTask(id, directory, updater);
            for (StoreBuilder<?> builder : sub.stores()) {
                if (!builder.loggingEnabled()) continue;
                StateStore store = builder.build();
                store.init(updater, store);
                task.stores.put(store.name(), store);
            }
            return task;
        } catch (RuntimeException e) {
            try {
                if (updater != null) updater.close();
            } finally {
                TaskDirectoryLocks.release(directory);
            }
            throw e;
        }
    }

    TaskId id() {
        return id;
    }

    /** The stores by name, for stale interactive queries. */
    Map<String, StateStore> stores() {
        return Collections.unmodifiableMap(stores);
    }

    /** Applies what the changelogs have now, without waiting; returns how many records. */
    int update() {
        return updater.poll(Duration.ZERO);
    }

    /** Flushes the stores and checkpoints what they hold, so a later active (or restart) restores only the rest. */
    void commit() {
        updater.commit();
    }

    /** For the active task that replaces it: final checkpoint, stores closed, directory unlocked. */
    Map<TopicPartition, Long> promote() {
        try {
            return updater.promote();
        } finally {
            TaskDirectoryLocks.release(directory);
        }
    }

    /** Dropped from the assignment: checkpoint, close, unlock; the directory stays for a later assignment. */
    void close() {
        try {
            updater.commit();
        } finally {
            try {
                updater.close();
            } finally {
                TaskDirectoryLocks.release(directory);
            }
        }
    }
}
