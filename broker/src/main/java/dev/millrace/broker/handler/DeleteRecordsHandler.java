package dev.millrace.broker.handler;

import dev.millrace.broker.partition.Partition;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DeleteRecords: advances a partition's log start offset (offset -1 means the high watermark). Whole
 * segments below the new start are removed by retention; reads below it answer OFFSET_OUT_OF_RANGE.
 */
final class DeleteRecordsHandler implements RequestHandler {
    private final PartitionManager partitions;

    DeleteRecordsHandler(PartitionManager partitions) {
        this.partitions = partitions;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (Struct topic : request.getStructArray("Topics")) {
            String name = topic.getString("Name");
            Struct topicOut = response.addStruct("Topics").set("Name", name);
            for (Struct p : topic.getStructArray("Partitions")) {
                int index = p.getInt("PartitionIndex");
                Struct out = topicOut.addStruct("Partitions").set("PartitionIndex", index).set("LowWatermark", -1L);
                Partition partition = partitions.get(name, index);
                if (partition == null) {
                    out.set("ErrorCode", Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                    continue;
                }
                long requested = p.getLong("Offset");
                long offset = requested == -1 ? partition.highWatermark() : requested;
                if (offset < 0 || offset > partition.highWatermark()) {
                    out.set("ErrorCode", Errors.OFFSET_OUT_OF_RANGE.code());
                    continue;
                }
                pending.add(partition.deleteRecordsBefore(offset).handle((lowWatermark, thrown) -> {
                    if (thrown != null) {
                        out.set("ErrorCode", ErrorMapping.toError(thrown).code());
                    } else {
                        out.set("ErrorCode", Errors.NONE.code()).set("LowWatermark", lowWatermark);
                    }
                    return null;
                }));
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(v -> response);
    }
}
