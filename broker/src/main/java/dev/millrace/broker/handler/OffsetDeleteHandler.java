package dev.millrace.broker.handler;

import dev.millrace.broker.group.GroupCoordinator;
import dev.millrace.broker.partition.TopicPartition;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetDelete: removes committed offsets of topics the group does not read (GROUP_SUBSCRIBED_TO_TOPIC for
 * the ones an active member subscribes to).
 */
final class OffsetDeleteHandler implements RequestHandler {
    private final GroupCoordinator coordinator;

    OffsetDeleteHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        List<TopicPartition> wanted = new ArrayList<>();
        for (Struct t : request.getStructArray("Topics")) {
            for (Struct p : t.getStructArray("Partitions")) {
                wanted.add(new TopicPartition(t.getString("Name"), p.getInt("PartitionIndex")));
            }
        }
        return coordinator.deleteOffsets(request.getString("GroupId"), wanted).handle((result, thrown) -> {
            Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
            Errors top = thrown != null ? GroupRequests.failure(thrown) : result.error();
            response.set("ErrorCode", top.code());
            if (top != Errors.NONE) {
                return response;
            }
            for (Struct t : request.getStructArray("Topics")) {
                Struct topicOut = response.addStruct("Topics").set("Name", t.getString("Name"));
                for (Struct p : t.getStructArray("Partitions")) {
                    TopicPartition tp = new TopicPartition(t.getString("Name"), p.getInt("PartitionIndex"));
                    topicOut.addStruct("Partitions").set("PartitionIndex", tp.partition())
                            .set("ErrorCode", result.partitions().getOrDefault(tp, Errors.NONE).code());
                }
            }
            return response;
        });
    }
}
