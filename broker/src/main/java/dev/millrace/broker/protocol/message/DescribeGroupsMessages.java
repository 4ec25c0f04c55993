package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.arrayOf;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * DescribeGroups (key 15): state, protocol and members (with their metadata and assignment bytes) of
 * classic groups.
 */
public final class DescribeGroupsMessages {

    public static final MessageSchema REQUEST = message("DescribeGroupsRequest", "0-6", "5+",
            arrayOf("Groups", STRING, "0+"),
            field("IncludeAuthorizedOperations", BOOL, "3+"));

    public static final MessageSchema RESPONSE = message("DescribeGroupsResponse", "0-6", "5+",
            field("ThrottleTimeMs", INT32, "1+"),
            array("Groups", "DescribedGroup", "0+",
                field("ErrorCode", INT16, "0+"),
                field("ErrorMessage", STRING, "6+").nullable("6+").defaultNull(),
                field("GroupId", STRING, "0+"),
                field("GroupState", STRING, "0+"),
                field("ProtocolType", STRING, "0+"),
                field("ProtocolData", STRING, "0+"),
                array("Members", "DescribedGroupMember", "0+",
                    field("MemberId", STRING, "0+"),
                    field("GroupInstanceId", STRING, "4+").nullable("4+").defaultNull(),
                    field("ClientId", STRING, "0+"),
                    field("ClientHost", STRING, "0+"),
                    field("MemberMetadata", BYTES, "0+"),
                    field("MemberAssignment", BYTES, "0+")),
                field("AuthorizedOperations", INT32, "3+").defaultValue(Integer.MIN_VALUE)));

    private DescribeGroupsMessages() {
    }
}
