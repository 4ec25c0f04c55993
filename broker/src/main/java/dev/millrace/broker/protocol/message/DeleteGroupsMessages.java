package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.arrayOf;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * DeleteGroups (key 42): deletes empty groups and their committed offsets, answered per group; v3 adds
 * a per-group {@code ErrorMessage}.
 */
public final class DeleteGroupsMessages {

    public static final MessageSchema REQUEST = message("DeleteGroupsRequest", "0-3", "2+",
            arrayOf("GroupsNames", STRING, "0+"));

    public static final MessageSchema RESPONSE = message("DeleteGroupsResponse", "0-3", "2+",
            field("ThrottleTimeMs", INT32, "0+"),
            array("Results", "DeletableGroupResult", "0+",
                field("GroupId", STRING, "0+"),
                field("ErrorCode", INT16, "0+"),
                field("ErrorMessage", STRING, "3+").nullable("3+").defaultNull()));

    private DeleteGroupsMessages() {
    }
}
