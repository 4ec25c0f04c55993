package dev.millrace.streams.state.internals;

import dev.millrace.streams.StreamsMetadata;
import dev.millrace.streams.state.HostInfo;
import org.apache.kafka.common.TopicPartition;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;

/** One instance's entry in the application's metadata; the fields Kafka Streams' class prints, in its order. */
public final class StreamsMetadataImpl implements StreamsMetadata {
    private final HostInfo hostInfo;
    private final Set<String> stateStoreNames;
    private final Set<TopicPartition> topicPartitions;
    private final Set<String> standbyStateStoreNames;
    private final Set<TopicPartition> standbyTopicPartitions;

    public StreamsMetadataImpl(HostInfo hostInfo, Set<String> stateStoreNames, Set<TopicPartition> topicPartitions,
                               Set<String> standbyStateStoreNames, Set<TopicPartition> standbyTopicPartitions) {
        this.hostInfo = hostInfo;
        this.stateStoreNames = Collections.unmodifiableSet(stateStoreNames);
        this.topicPartitions = Collections.unmodifiableSet(topicPartitions);
        this.standbyStateStoreNames = Collections.unmodifiableSet(standbyStateStoreNames);
        this.standbyTopicPartitions = Collections.unmodifiableSet(standbyTopicPartitions);
    }

    @Override
    public HostInfo hostInfo() {
        return hostInfo;
    }

    @Override
    public Set<String> stateStoreNames() {
        return stateStoreNames;
    }

    @Override
    public Set<TopicPartition> topicPartitions() {
        return topicPartitions;
    }

    @Override
    public Set<TopicPartition> standbyTopicPartitions() {
        return standbyTopicPartitions;
    }

    @Override
    public Set<String> standbyStateStoreNames() {
        return standbyStateStoreNames;
    }

    @Override
    public String host() {
        return hostInfo.host();
    }

    @Override
    public int port() {
        return hostInfo.port();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StreamsMetadataImpl other)) return false;
        return hostInfo.equals(other.hostInfo) && stateStoreNames.equals(other.stateStoreNames)
                && topicPartitions.equals(other.topicPartitions) && standbyStateStoreNames.equals(other.standbyStateStoreNames)
                && standbyTopicPartitions.equals(other.standbyTopicPartitions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hostInfo, stateStoreNames, topicPartitions, standbyStateStoreNames, standbyTopicPartitions);
    }

    @Override
    public String toString() {
        return "StreamsMetadata {hostInfo=" + hostInfo + ", stateStoreNames=" + stateStoreNames + ", topicPartitions="
                + topicPartitions + ", standbyStateStoreNames=" + standbyStateStoreNames + ", standbyTopicPartitions="
                + standbyTopicPartitions + '}';
    }
}
