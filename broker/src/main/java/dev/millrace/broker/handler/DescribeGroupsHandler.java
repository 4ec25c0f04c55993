package dev.millrace.broker.handler;

import dev.millrace.broker.group.GroupCoordinator;
import dev.millrace.broker.group.GroupCoordinator.GroupDescription;
import dev.millrace.broker.group.GroupCoordinator.MemberDescription;
import dev.millrace.broker.group.GroupState;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeGroups. Member metadata and assignments are shown only for a stable group (as Kafka does). An
 * unknown group is "Dead" with no error before v6 and GROUP_ID_NOT_FOUND from v6 (KIP-1043).
 */
final class DescribeGroupsHandler implements RequestHandler {
    /** Without an authorizer every group operation is allowed: READ, DELETE, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS. */
    private static final int GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8) | (1 << 10) | (1 << 11);

    private final GroupCoordinator coordinator;

    DescribeGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.version();
        boolean includeOps = version >= 3 && request.getBoolean("IncludeAuthorizedOperations");
        List<String> ids = request.getArray("Groups");
        return coordinator.describeGroups(ids).handle((groups, thrown) -> {
            Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
            for (int i = 0; i < ids.size(); i++) {
                Struct out = response.addStruct("Groups").set("GroupId", ids.get(i));
                if (thrown != null) {
                    out.set("ErrorCode", GroupRequests.failure(thrown).code()).set("GroupState", "")
                            .set("ProtocolType", "").set("ProtocolData", "");
                    continue;
                }
                GroupDescription g = groups.get(i);
                Errors error = g.error();
                if (error == Errors.GROUP_ID_NOT_FOUND) {
                    out.set("GroupState", GroupState.DEAD.kafkaName()).set("ProtocolType", "").set("ProtocolData", "");
                    if (version >= 6) {
                        out.set("ErrorCode", error.code())
                                .set("ErrorMessage", "Group " + g.groupId() + " not found.");
                    } else {
                        out.set("ErrorCode", Errors.NONE.code());
                    }
                    continue;
                }
                out.set("ErrorCode", error.code())
                        .set("GroupState", g.state() == null ? "" : g.state().kafkaName())
                        .set("ProtocolType", g.protocolType())
                        .set("ProtocolData", g.protocolData());
                if (includeOps) {
                    out.set("AuthorizedOperations", GROUP_OPERATIONS);
                }
                for (MemberDescription m : g.members()) {
                    out.addStruct("Members")
                            .set("MemberId", m.memberId())
                            .set("GroupInstanceId", m.groupInstanceId())
                            .set("ClientId", m.clientId())
                            .set("ClientHost", m.clientHost())
                            .set("MemberMetadata", m.metadata())
                            .set("MemberAssignment", m.assignment());
                }
            }
            return response;
        });
    }
}
