package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * SyncGroup (key 14): the leader hands out {@code Assignments} (per-member opaque bytes); every member
 * gets its own {@code Assignment}. v5 adds {@code ProtocolType}/{@code ProtocolName} on both sides.
 */
public final class SyncGroupMessages {

    public static final MessageSchema REQUEST = message("SyncGroupRequest", "0-5", "4+",
            field("GroupId", STRING, "0+"),
            field("GenerationId", INT32, "0+"),
            field("MemberId", STRING, "0+"),
            field("GroupInstanceId", STRING, "3+").nullable("3+").defaultNull(),
            field("ProtocolType", STRING, "5+").nullable("5+").defaultNull(),
            field("ProtocolName", STRING, "5+").nullable("5+").defaultNull(),
            array("Assignments", "SyncGroupRequestAssignment", "0+",
                field("MemberId", STRING, "0+"),
                field("Assignment", BYTES, "0+")));

    public static final MessageSchema RESPONSE = message("SyncGroupResponse", "0-5", "4+",
            field("ThrottleTimeMs", INT32, "1+"),
            field("ErrorCode", INT16, "0+"),
            field("ProtocolType", STRING, "5+").nullable("5+").defaultNull(),
            field("ProtocolName", STRING, "5+").nullable("5+").defaultNull(),
            field("Assignment", BYTES, "0+"));

    private SyncGroupMessages() {
    }
}
