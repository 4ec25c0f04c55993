package dev.millrace.broker.handler;

import dev.millrace.broker.group.GroupCoordinator;
import dev.millrace.broker.group.SyncGroupResult;
import dev.millrace.broker.protocol.types.Struct;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** SyncGroup: the leader hands in the assignment; every member waits for its part. */
final class SyncGroupHandler implements RequestHandler {
    private final GroupCoordinator coordinator;

    SyncGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.version();
        Map<String, byte[]> assignments = new HashMap<>();
        for (Struct a : request.getStructArray("Assignments")) {
            assignments.put(a.getString("MemberId"), a.getBytes("Assignment"));
        }
        GroupCoordinator.SyncRequest sync = new GroupCoordinator.SyncRequest(request.getString("GroupId"),
                request.getInt("GenerationId"), request.getString("MemberId"),
                version >= 3 ? request.getString("GroupInstanceId") : null,
                version >= 5 ? request.getString("ProtocolType") : null,
                version >= 5 ? request.getString("ProtocolName") : null, assignments);
        return coordinator.syncGroup(sync).handle((result, thrown) -> {
            if (thrown != null) {
                result = new SyncGroupResult(GroupRequests.failure(thrown), null, null, new byte[0]);
            }
            return context.api().response().newStruct()
                    .set("ThrottleTimeMs", 0)
                    .set("ErrorCode", result.error().code())
                    .set("ProtocolType", result.protocolType())
                    .set("ProtocolName", result.protocolName())
                    .set("Assignment", result.assignment() == null ? new byte[0] : result.assignment());
        });
    }
}
