package dev.millrace.broker.handler;

import dev.millrace.broker.group.GroupCoordinator;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** DeleteGroups: only empty groups; their offsets and metadata get tombstones. */
final class DeleteGroupsHandler implements RequestHandler {
    private final GroupCoordinator coordinator;

    DeleteGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        List<String> ids = request.getArray("GroupsNames");
        return coordinator.deleteGroups(ids).handle((result, thrown) -> {
            Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
            for (String id : ids) {
                Errors e = thrown != null ? GroupRequests.failure(thrown) : result.get(id);
                response.addStruct("Results").set("GroupId", id).set("ErrorCode", e.code());
            }
            return response;
        });
    }
}
