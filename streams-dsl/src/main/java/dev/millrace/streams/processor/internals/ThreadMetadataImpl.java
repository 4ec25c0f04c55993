package dev.millrace.streams.processor.internals;

import dev.millrace.streams.TaskMetadata;
import dev.millrace.streams.ThreadMetadata;
import dev.millrace.streams.processor.TaskId;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A local stream thread as {@code metadataForLocalThreads()} reports it: client ids are the ones the thread uses. */
public final class ThreadMetadataImpl implements ThreadMetadata {
    private final String threadName;
    private final String threadState;
    private final Set<TaskMetadata> activeTasks;
    private final Set<TaskMetadata> standbyTasks;
    private final String adminClientId;

    public ThreadMetadataImpl(String threadName, String threadState, Set<TaskMetadata> activeTasks, Set<TaskMetadata> standbyTasks,
                              String adminClientId) {
        this.threadName = threadName;
        this.threadState = threadState;
        this.activeTasks = Set.copyOf(activeTasks);
        this.standbyTasks = Set.copyOf(standbyTasks);
        this.adminClientId = adminClientId;
    }

    /** The metadata of a thread from what it exposes to queries; task partitions from the topology's task table. */
    public static ThreadMetadata of(String threadName, StreamThreadStateStoreProvider thread, TopologyMetadata topology, String adminClientId) {
        return new ThreadMetadataImpl(threadName, thread.state().name(), tasks(thread.activeTasks(), topology),
                tasks(thread.standbyTasks(), topology), adminClientId);
    }

    private static Set<TaskMetadata> tasks(Map<TaskId, ?> ids, TopologyMetadata topology) {
        Set<TaskMetadata> out = new HashSet<>();
        for (TaskId id : ids.keySet()) out.add(new TaskMetadataImpl(id, topology.tasks().getOrDefault(id, Set.of())));
        return out;
    }

    @Override
    public String threadState() {
        return threadState;
    }

    @Override
    public String threadName() {
        return threadName;
    }

    @Override
    public Set<TaskMetadata> activeTasks() {
        return activeTasks;
    }

    @Override
    public Set<TaskMetadata> standbyTasks() {
        return standbyTasks;
    }

    @Override
    public String consumerClientId() {
        return threadName + "-consumer";
    }

    @Override
    public String restoreConsumerClientId() {
        return threadName + "-restore-consumer";
    }

    @Override
    public Set<String> producerClientIds() {
        return Set.of(threadName + "-producer");
    }

    @Override
    public String adminClientId() {
        return adminClientId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThreadMetadataImpl other && threadName.equals(other.threadName) && threadState.equals(other.threadState)
                && activeTasks.equals(other.activeTasks) && standbyTasks.equals(other.standbyTasks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(threadName, threadState, activeTasks, standbyTasks);
    }

    @Override
    public String toString() {
        return "ThreadMetadata{threadName=" + threadName + ", threadState=" + threadState + ", activeTasks=" + activeTasks
                + ", standbyTasks=" + standbyTasks + ", consumerClientId=" + consumerClientId() + ", restoreConsumerClientId="
                + restoreConsumerClientId() + ", producerClientIds=" + producerClientIds() + ", adminClientId=" + adminClientId + '}';
    }
}
