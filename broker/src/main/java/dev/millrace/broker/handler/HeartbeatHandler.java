package dev.millrace.broker.handler;

import dev.millrace.broker.group.GroupCoordinator;
import dev.millrace.broker.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;

/** Heartbeat: keeps a member's session alive and tells it when the group rebalances. */
final class HeartbeatHandler implements RequestHandler {
    private final GroupCoordinator coordinator;

    HeartbeatHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        return coordinator.heartbeat(request.getString("GroupId"), request.getString("MemberId"),
                context.version() >= 3 ? request.getString("GroupInstanceId") : null,
                request.getInt("GenerationId")).handle((error, thrown) ->
                context.api().response().newStruct()
                        .set("ThrottleTimeMs", 0)
                        .set("ErrorCode", (thrown != null ? GroupRequests.failure(thrown) : error).code()));
    }
}
