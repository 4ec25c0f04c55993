package dev.millrace.broker.group;

import dev.millrace.broker.protocol.Errors;
import java.util.List;

/**
 * A JoinGroup answer. {@code members} is filled for the leader only (it runs the assignor).
 */
public record JoinGroupResult(Errors error, String memberId, int generationId, String protocolType,
                              String protocolName, String leaderId, List<Member> members) {

    /** A member as the leader sees it: its id, instance id and metadata for the chosen protocol. */
    public record Member(String memberId, String groupInstanceId, byte[] metadata) {
    }

    static JoinGroupResult error(Errors error, String memberId) {
        return new JoinGroupResult(error, memberId, -1, null, null, "", List.of());
    }
}
