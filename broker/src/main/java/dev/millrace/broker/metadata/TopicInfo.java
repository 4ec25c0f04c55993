package dev.millrace.broker.metadata;

import dev.millrace.broker.protocol.types.Uuid;
import java.util.Map;

/**
 * One topic as the broker knows it: its stable id, partition count and the config overrides set on it
 * (keys absent here take the broker's defaults). Immutable; changes replace the whole value.
 */
public record TopicInfo(String name, Uuid id, int partitionCount, Map<String, String> configs) {
    public TopicInfo {
        configs = Map.copyOf(configs);
    }

    public TopicInfo withPartitionCount(int count) {
        return new TopicInfo(name, id, count, configs);
    }

    public TopicInfo withConfigs(Map<String, String> newConfigs) {
        return new TopicInfo(name, id, partitionCount, newConfigs);
    }

    /** The topics the broker keeps for itself, as Kafka names them; clients may read but not write them. */
    public static final java.util.Set<String> INTERNAL_TOPICS = java.util.Set.of("__consumer_offsets", "__transaction_state");

    /** Internal topics are flagged in Metadata, and clients may not write or delete them. */
    public boolean isInternal() {
        return INTERNAL_TOPICS.contains(name);
    }
}
