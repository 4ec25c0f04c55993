package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * LeaveGroup (key 13): up to v2 one {@code MemberId}; from v3 a batch of {@code Members} (member id or
 * static {@code GroupInstanceId}), answered per member.
 */
public final class LeaveGroupMessages {

    public static final MessageSchema REQUEST = message("LeaveGroupRequest", "0-5", "4+",
            field("GroupId", STRING, "0+"),
            field("MemberId", STRING, "0-2"),
            array("Members", "MemberIdentity", "3+",
                field("MemberId", STRING, "3+"),
                field("GroupInstanceId", STRING, "3+").nullable("3+").defaultNull(),
                field("Reason", STRING, "5+").nullable("5+").defaultNull()));

    public static final MessageSchema RESPONSE = message("LeaveGroupResponse", "0-5", "4+",
            field("ThrottleTimeMs", INT32, "1+"),
            field("ErrorCode", INT16, "0+"),
            array("Members", "MemberResponse", "3+",
                field("MemberId", STRING, "3+"),
                field("GroupInstanceId", STRING, "3+").nullable("3+"),
                field("ErrorCode", INT16, "3+")));

    private LeaveGroupMessages() {
    }
}
