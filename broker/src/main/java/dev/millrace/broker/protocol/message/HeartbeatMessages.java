package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * Heartbeat (key 12): a member's liveness ping for one generation of a classic group.
 */
public final class HeartbeatMessages {

    public static final MessageSchema REQUEST = message("HeartbeatRequest", "0-4", "4+",
            field("GroupId", STRING, "0+"),
            field("GenerationId", INT32, "0+"),
            field("MemberId", STRING, "0+"),
            field("GroupInstanceId", STRING, "3+").nullable("3+").defaultNull());

    public static final MessageSchema RESPONSE = message("HeartbeatResponse", "0-4", "4+",
            field("ThrottleTimeMs", INT32, "1+"),
            field("ErrorCode", INT16, "0+"));

    private HeartbeatMessages() {
    }
}
