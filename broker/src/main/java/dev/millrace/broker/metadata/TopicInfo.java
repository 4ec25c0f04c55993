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

    /** Internal topics are hidden from listings unless asked for, as in Kafka. */
    public boolean isInternal() {
        return name.startsWith("__");
    }
}
