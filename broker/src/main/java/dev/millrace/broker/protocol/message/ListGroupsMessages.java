package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.arrayOf;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * ListGroups (key 16): the groups a broker coordinates, optionally filtered by state (v4+) and type (v5+).
 */
public final class ListGroupsMessages {

    public static final MessageSchema REQUEST = message("ListGroupsRequest", "0-5", "3+",
            arrayOf("StatesFilter", STRING, "4+"),
            arrayOf("TypesFilter", STRING, "5+"));

    public static final MessageSchema RESPONSE = message("ListGroupsResponse", "0-5", "3+",
            field("ThrottleTimeMs", INT32, "1+"),
            field("ErrorCode", INT16, "0+"),
            array("Groups", "ListedGroup", "0+",
                field("GroupId", STRING, "0+"),
                field("ProtocolType", STRING, "0+"),
                field("GroupState", STRING, "4+"),
                field("GroupType", STRING, "5+")));

    private ListGroupsMessages() {
    }
}
