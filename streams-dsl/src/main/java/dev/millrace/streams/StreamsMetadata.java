package dev.millrace.streams;

import dev.millrace.streams.state.HostInfo;
import org.apache.kafka.common.TopicPartition;

import java.util.Set;

/**
 * One instance of the application as the last assignment describes it: its {@code application.server} endpoint, the
 * stores and source partitions of its active tasks, and those of its standby tasks. As Kafka Streams' interface.
 */
public interface StreamsMetadata {
    HostInfo hostInfo();

    Set<String> stateStoreNames();

    Set<TopicPartition> topicPartitions();

    Set<TopicPartition> standbyTopicPartitions();

    Set<String> standbyStateStoreNames();

    String host();

    int port();
}
