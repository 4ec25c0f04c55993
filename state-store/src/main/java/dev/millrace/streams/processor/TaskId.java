package dev.millrace.streams.processor;

import java.util.Objects;

/**
 * Identifies a task: the sub-topology it runs and the input partition it owns. Its string form
 * {@code <subtopology>_<partition>} names the task's state directory, as in Kafka Streams'
 * {@code org.apache.kafka.streams.processor.TaskId}.
 */
public final class TaskId implements Comparable<TaskId> {
    private final int subtopology;
    private final int partition;

    public TaskId(int subtopology, int partition) {
        // -1_-1 is Kafka Streams' id of the global stores' task
        boolean global = subtopology == -1 && partition == -1;
        if (!global && (subtopology < 0 || partition < 0)) {
            throw new IllegalArgumentException("subtopology and partition must be >= 0: " + subtopology + "_" + partition);
        }
        this.subtopology = subtopology;
        this.partition = partition;
    }

    public int subtopology() {
        return subtopology;
    }

    public int partition() {
        return partition;
    }

    /** Parses the {@code <subtopology>_<partition>} form of {@link #toString()}. */
    public static TaskId parse(String s) {
        int i = s.indexOf('_');
        if (i <= 0) throw new IllegalArgumentException("not a task id: " + s);
        return new TaskId(Integer.parseInt(s.substring(0, i)), Integer.parseInt(s.substring(i + 1)));
    }

    @Override
    public int compareTo(TaskId o) {
        int c = Integer.compare(subtopology, o.subtopology);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskId && ((TaskId) o).subtopology == subtopology && ((TaskId) o).partition == partition;
    }

    @Override
    public int hashCode() {
        return Objects.hash(subtopology, partition);
    }

    @Override
    public String toString() {
        return subtopology + "_" + partition;
    }
}
