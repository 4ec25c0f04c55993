package dev.millrace.streams.processor.internals;

import dev.millrace.streams.TaskMetadata;
import dev.millrace.streams.processor.TaskId;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A local task as {@code metadataForLocalThreads()} reports it; offsets are not tracked here (empty maps). */
public final class TaskMetadataImpl implements TaskMetadata {
    private final TaskId taskId;
    private final Set<TopicPartition> topicPartitions;

    public TaskMetadataImpl(TaskId taskId, Set<TopicPartition> topicPartitions) {
        this.taskId = taskId;
        this.topicPartitions = Set.copyOf(topicPartitions);
    }

    @Override
    public TaskId taskId() {
        return taskId;
    }

    @Override
    public Set<TopicPartition> topicPartitions() {
        return topicPartitions;
    }

    @Override
    public Map<TopicPartition, Long> committedOffsets() {
        return Map.of();
    }

    @Override
    public Map<TopicPartition, Long> endOffsets() {
        return Map.of();
    }

    @Override
    public Optional<Long> timeCurrentIdlingStarted() {
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskMetadataImpl other && taskId.equals(other.taskId) && topicPartitions.equals(other.topicPartitions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskId, topicPartitions);
    }

    @Override
    public String toString() {
        return "TaskMetadata{taskId=" + taskId + ", topicPartitions=" + topicPartitions + ", committedOffsets={}, endOffsets={}, "
                + "timeCurrentIdlingStarted=Optional.empty}";
    }
}
