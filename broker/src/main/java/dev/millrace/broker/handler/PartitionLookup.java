package dev.millrace.broker.handler;

import dev.millrace.broker.partition.Partition;
import dev.millrace.broker.protocol.Errors;

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
}
