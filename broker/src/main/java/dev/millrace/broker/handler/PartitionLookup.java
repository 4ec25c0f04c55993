package dev.millrace.broker.handler;

import dev.millrace.broker.partition.Partition;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;

/** Checks shared by the per-partition APIs. */
final class PartitionLookup {
    private PartitionLookup() {
    }

    /**
     * Kafka's leader-epoch fence: -1 skips the check; an epoch older than ours is fenced, a newer one is
     * unknown to us (the client has seen metadata we have not). Returns null when the epoch is acceptable.
     */
    static Errors checkLeaderEpoch(Partition partition, int clientEpoch) {
        if (clientEpoch == -1) {
            return null;
        }
        int ours = partition.leaderEpoch();
        if (clientEpoch < ours) {
            return Errors.FENCED_LEADER_EPOCH;
        }
        if (clientEpoch > ours) {
            return Errors.UNKNOWN_LEADER_EPOCH;
        }
        return null;
    }

    /**
     * The partition when this broker leads it at the client's epoch; otherwise null, with {@code out}'s
     * ErrorCode set to why (unknown partition, fenced or unknown epoch).
     */
    static Partition leaderAt(PartitionManager partitions, String topic, int index, int currentLeaderEpoch, Struct out) {
        Partition partition = partitions.get(topic, index);
        Errors error = partition == null ? Errors.UNKNOWN_TOPIC_OR_PARTITION : checkLeaderEpoch(partition, currentLeaderEpoch);
        if (error != null) {
            out.set("ErrorCode", error.code());
            return null;
        }
        return partition;
    }
}
