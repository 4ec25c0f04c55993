package dev.millrace.broker.handler;

import dev.millrace.broker.log.TimestampAndOffset;
import dev.millrace.broker.partition.Partition;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets: the offset for a timestamp, or for one of Kafka's special timestamps (latest, earliest, max
 * timestamp, earliest local, latest tiered). Offsets past the high watermark are never revealed.
 */
final class ListOffsetsHandler implements RequestHandler {
    static final long LATEST = -1;
    static final long EARLIEST = -2;
    static final long MAX_TIMESTAMP = -3;
    static final long EARLIEST_LOCAL = -4;

    private final PartitionManager partitions;

    ListOffsetsHandler(PartitionManager partitions) {
        this.partitions = partitions;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
        for (Struct topic : request.getStructArray("Topics")) {
            String name = topic.getString("Name");
            Struct topicOut = response.addStruct("Topics").set("Name", name);
            for (Struct p : topic.getStructArray("Partitions")) {
                int index = p.getInt("PartitionIndex");
                Struct out = topicOut.addStruct("Partitions").set("PartitionIndex", index)
                        .set("Timestamp", -1L).set("Offset", -1L).set("LeaderEpoch", -1);
                Partition partition = partitions.get(name, index);
                if (partition == null) {
                    out.set("ErrorCode", Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                    continue;
                }
                Errors fenced = PartitionLookup.checkLeaderEpoch(partition, p.getInt("CurrentLeaderEpoch"));
                if (fenced != null) {
                    out.set("ErrorCode", fenced.code());
                    continue;
                }
                try {
                    lookup(partition, p.getLong("Timestamp"), out);
                    out.set("ErrorCode", Errors.NONE.code());
                } catch (RuntimeException e) {
                    out.set("ErrorCode", ErrorMapping.toError(e).code());
                }
            }
        }
        return CompletableFuture.completedFuture(response);
    }

    private static void lookup(Partition partition, long timestamp, Struct out) {
        long highWatermark = partition.highWatermark();
        int epoch = partition.leaderEpoch();
        if (timestamp == LATEST) {
            out.set("Offset", highWatermark).set("LeaderEpoch", epoch);
        } else if (timestamp == EARLIEST || timestamp == EARLIEST_LOCAL) {
            out.set("Offset", partition.logStartOffset()).set("LeaderEpoch", epoch);
        } else if (timestamp == MAX_TIMESTAMP) {
            reveal(partition.log().maxTimestampAndOffset(), highWatermark, out);
        } else if (timestamp >= 0) {
            reveal(partition.log().offsetForTimestamp(timestamp), highWatermark, out);
        }
        // Other special values (latest tiered, earliest pending upload) have no meaning without tiered
        // storage; Kafka answers them with offset -1 as well.
    }

    private static void reveal(Optional<TimestampAndOffset> found, long highWatermark, Struct out) {
        if (found.isPresent() && found.get().offset() < highWatermark) {
            TimestampAndOffset t = found.get();
            out.set("Timestamp", t.timestamp()).set("Offset", t.offset()).set("LeaderEpoch", t.leaderEpoch());
        }
    }
}
