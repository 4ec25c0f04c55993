package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * JoinGroup (key 11): a member joins a classic group. {@code ProtocolType} ("consumer" for consumers) and
 * {@code Protocols} (assignor {@code Name} + opaque {@code Metadata} bytes) come from the client; the leader
 * gets every member's chosen-protocol {@code Metadata} in the response's {@code Members}. The response's
 * {@code ProtocolType} exists from v7 and {@code ProtocolName} is nullable from v7.
 */
public final class JoinGroupMessages {

    public static final MessageSchema REQUEST = message("JoinGroupRequest", "0-9", "6+",
            field("GroupId", STRING, "0+"),
            field("SessionTimeoutMs", INT32, "0+"),
            field("RebalanceTimeoutMs", INT32, "1+").defaultValue(-1),
            field("MemberId", STRING, "0+"),
            field("GroupInstanceId", STRING, "5+").nullable("5+").defaultNull(),
            field("ProtocolType", STRING, "0+"),
            array("Protocols", "JoinGroupRequestProtocol", "0+",
                field("Name", STRING, "0+"),
                field("Metadata", BYTES, "0+")),
            field("Reason", STRING, "8+").nullable("8+").defaultNull());

    public static final MessageSchema RESPONSE = message("JoinGroupResponse", "0-9", "6+",
            field("ThrottleTimeMs", INT32, "2+"),
            field("ErrorCode", INT16, "0+"),
            field("GenerationId", INT32, "0+").defaultValue(-1),
            field("ProtocolType", STRING, "7+").nullable("7+").defaultNull(),
            field("ProtocolName", STRING, "0+").nullable("7+"),
            field("Leader", STRING, "0+"),
            field("SkipAssignment", BOOL, "9+"),
            field("MemberId", STRING, "0+"),
            array("Members", "JoinGroupResponseMember", "0+",
                field("MemberId", STRING, "0+"),
                field("GroupInstanceId", STRING, "5+").nullable("5+").defaultNull(),
                field("Metadata", BYTES, "0+")));

    private JoinGroupMessages() {
    }
}
