package dev.millrace.broker.group;

import dev.millrace.broker.controller.TopicController;
import dev.millrace.broker.group.CoordinatorRecords.KeyValue;
import dev.millrace.broker.log.LogConfig;
import dev.millrace.broker.metadata.TopicInfo;
import dev.millrace.broker.metadata.TopicRegistry;
import dev.millrace.broker.partition.Partition;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.protocol.Errors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The internal topic {@code __consumer_offsets}: created on first use with offsets.topic.num.partitions
 * partitions, compacted (only the latest record per group and per committed partition matters), and written
 * through {@link Partition#append}, the same path as produced data, so it is durable (and, later, replicated)
 * like any partition.
 */
public final class OffsetsTopic {
    public static final String NAME = "__consumer_offsets";

    /** Kafka's offsets.topic.segment.bytes default: small segments so compaction can clean them early. */
    private static final String SEGMENT_BYTES = "104857600";

    /** The Produce version whose validation rules apply to our own batches (all of them allow everything we write). */
    private static final short APPEND_VERSION = 12;

    private final TopicRegistry topics;
    private final PartitionManager partitions;
    private final TopicController controller;
    private final int configuredPartitions;

    public OffsetsTopic(TopicRegistry topics, PartitionManager partitions, TopicController controller,
                        int configuredPartitions) {
        this.topics = topics;
        this.partitions = partitions;
        this.controller = controller;
        this.configuredPartitions = configuredPartitions;
    }

    public boolean exists() {
        return topics.get(NAME) != null;
    }

    /** The existing topic's partition count (it may predate a config change), else the configured one. */
    public int partitionCount() {
        TopicInfo topic = topics.get(NAME);
        return topic != null ? topic.partitionCount() : configuredPartitions;
    }

    /** Creates the topic unless it exists; completes with NONE, or the error that stopped creation. */
    CompletableFuture<Errors> create() {
        Map<String, String> configs = Map.of(
                LogConfig.CLEANUP_POLICY, "compact",
                LogConfig.COMPRESSION_TYPE, "producer",
                LogConfig.SEGMENT_BYTES, SEGMENT_BYTES);
        return controller.createTopic(NAME, configuredPartitions, 1, Map.of(), configs, false).thenApply(r -> {
            Errors e = r.error().error();
            return e == Errors.TOPIC_ALREADY_EXISTS ? Errors.NONE : e;
        });
    }

    Partition partition(int index) {
        return partitions.get(NAME, index);
    }

    /**
     * Appends {@code records} as one batch to partition {@code index}; completes once they are in the log
     * (on the partition's I/O thread). Fails with {@link IllegalStateException} if the partition is gone.
     */
    CompletableFuture<Void> append(int index, List<KeyValue> records, long nowMs) {
        Partition partition = partition(index);
        if (partition == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(NAME + "-" + index + " is not open"));
        }
        ByteBuf batch = CoordinatorBatches.build(records, nowMs, ByteBufAllocator.DEFAULT);
        return partition.append(batch, APPEND_VERSION).handle((info, thrown) -> {
            batch.release();
            if (thrown != null) {
                throw thrown instanceof RuntimeException re ? re : new IllegalStateException(thrown);
            }
            return null;
        });
    }
}
