package dev.millrace.broker.group;

import dev.millrace.broker.config.BrokerConfig;

/** The broker settings the coordinator uses (Kafka's names in {@link BrokerConfig}). */
public record GroupConfig(int offsetsTopicPartitions, long offsetsRetentionMs, long offsetsRetentionCheckIntervalMs,
                          int initialRebalanceDelayMs, int minSessionTimeoutMs, int maxSessionTimeoutMs,
                          int maxGroupSize, int offsetMetadataMaxBytes) {

    public static GroupConfig of(BrokerConfig config) {
        return new GroupConfig(config.offsetsTopicNumPartitions(), config.offsetsRetentionMs(),
                config.offsetsRetentionCheckIntervalMs(), config.groupInitialRebalanceDelayMs(),
                config.groupMinSessionTimeoutMs(), config.groupMaxSessionTimeoutMs(), config.groupMaxSize(),
                config.offsetMetadataMaxBytes());
    }
}
