package dev.millrace.broker.handler;

import dev.millrace.broker.group.GroupCoordinator;
import dev.millrace.broker.group.JoinGroupResult;
import dev.millrace.broker.group.JoinProtocol;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** JoinGroup: held by the coordinator until the group's join round completes. */
final class JoinGroupHandler implements RequestHandler {
    private final GroupCoordinator coordinator;

    JoinGroupHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.version();
        List<JoinProtocol> protocols = new ArrayList<>();
        for (Struct p : request.getStructArray("Protocols")) {
            protocols.add(new JoinProtocol(p.getString("Name"), p.getBytes("Metadata")));
        }
        int sessionTimeout = request.getInt("SessionTimeoutMs");
        // v0 has no rebalance timeout: the session timeout bounds the join round, as in Kafka.
        int rebalanceTimeout = version >= 1 ? request.getInt("RebalanceTimeoutMs") : sessionTimeout;
        String clientId = context.header().clientId() == null ? "" : context.header().clientId();
        GroupCoordinator.JoinRequest join = new GroupCoordinator.JoinRequest(request.getString("GroupId"),
                request.getString("MemberId"), version >= 5 ? request.getString("GroupInstanceId") : null,
                clientId, GroupRequests.clientHost(context.clientAddress()), sessionTimeout, rebalanceTimeout,
                request.getString("ProtocolType"), protocols, version >= 4);
        return coordinator.joinGroup(join).handle((result, thrown) -> {
            if (thrown != null) {
                result = new JoinGroupResult(GroupRequests.failure(thrown), join.memberId(), -1, null, null, "",
                        List.of());
            }
            Struct response = context.api().response().newStruct()
                    .set("ThrottleTimeMs", 0)
                    .set("ErrorCode", result.error().code())
                    .set("GenerationId", result.generationId())
                    .set("ProtocolType", result.protocolType())
                    .set("ProtocolName", result.protocolName() == null && version < 7 ? "" : result.protocolName())
                    .set("Leader", result.leaderId() == null ? "" : result.leaderId())
                    .set("SkipAssignment", false)
                    .set("MemberId", result.memberId() == null ? "" : result.memberId());
            if (result.error() == Errors.NONE) {
                for (JoinGroupResult.Member m : result.members()) {
                    response.addStruct("Members")
                            .set("MemberId", m.memberId())
                            .set("GroupInstanceId", m.groupInstanceId())
                            .set("Metadata", m.metadata());
                }
            }
            return response;
        });
    }
}
