package dev.millrace.broker.handler;

import dev.millrace.broker.partition.Partition;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetForLeaderEpoch: for a requested epoch, the largest epoch not above it and the offset where it
 * ended; consumers use it to detect log truncation after a leader change, followers to truncate. v0 gets the
 * same end offset without the epoch: the end of the largest epoch not above the requested one is where the next
 * epoch starts, which is what v0 promised.
 */
final class OffsetForLeaderEpochHandler implements RequestHandler {
    private final PartitionManager partitions;

    OffsetForLeaderEpochHandler(PartitionManager partitions) {
        this.partitions = partitions;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
        for (Struct topic : request.getStructArray("Topics")) {
            String name = topic.getString("Topic");
            Struct topicOut = response.addStruct("Topics").set("Topic", name);
            for (Struct p : topic.getStructArray("Partitions")) {
                int index = p.getInt("Partition");
                Struct out = topicOut.addStruct("Partitions").set("Partition", index)
                        .set("LeaderEpoch", -1).set("EndOffset", -1L);
                Partition partition = PartitionLookup.leaderAt(partitions, name, index, p.getInt("CurrentLeaderEpoch"), out);
                if (partition == null) {
                    continue;
                }
                var end = partition.log().leaderEpochCache().endOffsetFor(p.getInt("LeaderEpoch"), partition.logEndOffset());
                out.set("ErrorCode", Errors.NONE.code()).set("LeaderEpoch", end.epoch()).set("EndOffset", end.endOffset());
            }
        }
        return CompletableFuture.completedFuture(response);
    }
}
