package dev.millrace.broker.handler;

import dev.millrace.broker.group.GroupCoordinator;
import dev.millrace.broker.group.GroupCoordinator.GroupListing;
import dev.millrace.broker.group.GroupState;
import dev.millrace.broker.protocol.types.Struct;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * ListGroups, with the states filter (v4+) and the types filter (v5+). Every group here is a classic
 * group, so a types filter without "classic" lists nothing; an unknown state name matches nothing.
 */
final class ListGroupsHandler implements RequestHandler {
    private static final String CLASSIC = "classic";

    private final GroupCoordinator coordinator;

    ListGroupsHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.version();
        List<String> stateNames = version >= 4 ? request.getArray("StatesFilter") : List.of();
        List<String> types = version >= 5 ? request.getArray("TypesFilter") : List.of();
        Set<GroupState> states = EnumSet.noneOf(GroupState.class);
        boolean unmatchable = false;
        for (String name : stateNames) {
            GroupState s = GroupState.forName(name);
            if (s == null) {
                unmatchable = true;
            } else {
                states.add(s);
            }
        }
        boolean noneMatch = (unmatchable && states.isEmpty())
                || (!types.isEmpty() && types.stream().noneMatch(CLASSIC::equalsIgnoreCase));
        return coordinator.listGroups(states).handle((result, thrown) -> {
            Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
            if (thrown != null) {
                return response.set("ErrorCode", GroupRequests.failure(thrown).code());
            }
            response.set("ErrorCode", result.error().code());
            if (!noneMatch) {
                for (GroupListing g : result.groups()) {
                    response.addStruct("Groups")
                            .set("GroupId", g.groupId())
                            .set("ProtocolType", g.protocolType())
                            .set("GroupState", g.state().kafkaName())
                            .set("GroupType", CLASSIC);
                }
            }
            return response;
        });
    }
}
