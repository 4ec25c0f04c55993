package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.TaskId;

import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The standby tasks of one stream thread, driven by it: opened and dropped as assignments come, updated from their
 * changelogs between processing rounds, checkpointed on each commit, and promoted when the thread is assigned the
 * active task (the active then restores only what the standby had not applied).
 */
final class StandbyTasks {
    private static final System.Logger log = System.getLogger(StandbyTasks.class.getName());

    private final TopologyMetadata metadata;
    private final File stateRoot;
    private final Map<String, Object> configs;
    private final String threadName;
    private final Map<TaskId, StandbyTask> tasks = new TreeMap<>();

    StandbyTasks(TopologyMetadata metadata, File stateRoot, Map<String, Object> configs, String threadName) {
        this.metadata = metadata;
        this.stateRoot = stateRoot;
        this.configs = configs;
        this.threadName = threadName;
    }

    Set<TaskId> ids() {
        return Set.copyOf(tasks.keySet());
    }

    /** Closes the standbys not in {@code keep} (checkpointed first). */
    void retain(Set<TaskId> keep) {
        for (TaskId id : Set.copyOf(tasks.keySet())) {
            if (!keep.contains(id)) closeQuietly(tasks.remove(id));
        }
    }

    /** Opens a standby for each of {@code wanted} not open yet. */
    void open(Set<TaskId> wanted) {
        for (TaskId id : wanted) {
            if (tasks.containsKey(id)) continue;
            tasks.put(id, StandbyTask.open(id, metadata.subtopologies().get(id.subtopology()), metadata.applicationId(), stateRoot, configs));
        }
        if (!wanted.isEmpty()) log.log(System.Logger.Level.INFO, threadName + ": standby tasks " + tasks.keySet());
    }

    /** If this thread keeps a standby of the task, hands its stores over to the active about to open; true if so. */
    boolean promote(TaskId id) {
        StandbyTask task = tasks.remove(id);
        if (task == null) return false;
        log.log(System.Logger.Level.INFO, threadName + ": standby " + id + " promoted, checkpoint " + task.promote());
        return true;
    }

    /** Applies what each standby's changelogs have now; returns how many records. */
    int update() {
        int n = 0;
        for (StandbyTask task : tasks.values()) n += task.update();
        return n;
    }

    void commit() {
        for (StandbyTask task : tasks.values()) task.commit();
    }

    void closeAll() {
        for (StandbyTask task : tasks.values()) closeQuietly(task);
        tasks.clear();
    }

    Map<TaskId, Map<String, StateStore>> stores() {
        Map<TaskId, Map<String, StateStore>> out = new HashMap<>();
        for (StandbyTask task : tasks.values()) out.put(task.id(), task.stores());
        return out;
    }

    private void closeQuietly(StandbyTask task) {
        try {
            task.close();
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, threadName + ": closing standby " + task.id() + " failed", e);
        }
    }
}
