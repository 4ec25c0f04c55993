package dev.millrace.broker.handler;

import dev.millrace.broker.log.PartitionLog;
import dev.millrace.broker.log.TimestampAndOffset;
import dev.millrace.broker.partition.Partition;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets: the offset for a timestamp, or for one of Kafka's special timestamps (latest, earliest, max
 * timestamp, earliest local, latest tiered). Offsets past the high watermark are never revealed.
 *
 * <p>v0 (which Kafka 4.0 no longer serves) answers with a list of up to MaxNumOffsets offsets. Old Kafka
 * filled it from segment boundaries and file modification times; we answer with at most one offset, the one
 * v1+ would give: the high watermark for latest (-1), the log start for earliest (-2), for a timestamp the
 * first offset whose record time is at or after it, or nothing if there is none. Old clients read only the
 * first element, and an exact offset serves them better than a segment boundary.
 */
final class ListOffsetsHandler implements RequestHandler {
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
                Partition partition = PartitionLookup.leaderAt(partitions, name, index, p.getInt("CurrentLeaderEpoch"), out);
                if (partition == null) {
                    continue;
                }
                try {
                    if (context.version() == 0) {
                        out.set("OldStyleOffsets", oldStyleOffsets(partition, p.getLong("Timestamp"), p.getInt("MaxNumOffsets")));
                    } else {
                        lookup(partition, p.getLong("Timestamp"), out);
                    }
                    out.set("ErrorCode", Errors.NONE.code());
                } catch (RuntimeException e) {
                    out.set("ErrorCode", ErrorMapping.toError(e).code());
                }
            }
        }
        return CompletableFuture.completedFuture(response);
    }

    /**
     * The log answers both real and special timestamps and never looks past the high watermark. Special
     * values without meaning here (latest tiered, with no tiered storage) find nothing: offset -1, as in
     * Kafka.
     */
    private static void lookup(Partition partition, long timestamp, Struct out) {
        Optional<TimestampAndOffset> found = partition.log().offsetForTimestamp(timestamp);
        found.ifPresent(t -> out.set("Timestamp", t.timestamp()).set("Offset", t.offset()).set("LeaderEpoch", t.leaderEpoch()));
    }

    /** v0 knew only latest and earliest among the special timestamps; other negative values find nothing. */
    private static List<Long> oldStyleOffsets(Partition partition, long timestamp, int maxNumOffsets) {
        boolean known = timestamp >= 0 || timestamp == PartitionLog.LATEST_TIMESTAMP
                || timestamp == PartitionLog.EARLIEST_TIMESTAMP;
        if (!known || maxNumOffsets <= 0) {
            return List.of();
        }
        return partition.log().offsetForTimestamp(timestamp).map(t -> List.of(t.offset())).orElse(List.of());
    }
}
