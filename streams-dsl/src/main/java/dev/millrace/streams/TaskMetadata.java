package dev.millrace.streams;

import dev.millrace.streams.processor.TaskId;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One task of a local stream thread and the partitions it reads. As Kafka Streams' interface. */
public interface TaskMetadata {
    TaskId taskId();

    Set<TopicPartition> topicPartitions();

    Map<TopicPartition, Long> committedOffsets();

    Map<TopicPartition, Long> endOffsets();

    Optional<Long> timeCurrentIdlingStarted();
}
