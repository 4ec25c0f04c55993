package dev.millrace.broker.handler;

import dev.millrace.broker.group.GroupCoordinator;
import dev.millrace.broker.group.GroupCoordinator.LeaveMember;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** LeaveGroup: one member up to v2, a batch (with group.instance.id) from v3. */
final class LeaveGroupHandler implements RequestHandler {
    private final GroupCoordinator coordinator;

    LeaveGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        boolean batched = context.version() >= 3;
        List<LeaveMember> members = new ArrayList<>();
        if (batched) {
            for (Struct m : request.getStructArray("Members")) {
                members.add(new LeaveMember(m.getString("MemberId"), m.getString("GroupInstanceId")));
            }
        } else {
            members.add(new LeaveMember(request.getString("MemberId"), null));
        }
        return coordinator.leaveGroup(request.getString("GroupId"), members).handle((result, thrown) -> {
            Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
            Errors top = thrown != null ? GroupRequests.failure(thrown) : result.error();
            if (top != Errors.NONE) {
                return response.set("ErrorCode", top.code());
            }
            if (!batched) {
                return response.set("ErrorCode", result.members().get(0).code());
            }
            response.set("ErrorCode", Errors.NONE.code());
            for (int i = 0; i < members.size(); i++) {
                response.addStruct("Members")
                        .set("MemberId", members.get(i).memberId())
                        .set("GroupInstanceId", members.get(i).groupInstanceId())
                        .set("ErrorCode", result.members().get(i).code());
            }
            return response;
        });
    }
}
