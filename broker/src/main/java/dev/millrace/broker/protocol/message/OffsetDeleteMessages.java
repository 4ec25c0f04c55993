package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * OffsetDelete (key 47): deletes a group's committed offsets for some partitions. Never flexible.
 */
public final class OffsetDeleteMessages {

    public static final MessageSchema REQUEST = message("OffsetDeleteRequest", "0", "none",
            field("GroupId", STRING, "0+"),
            array("Topics", "OffsetDeleteRequestTopic", "0+",
                field("Name", STRING, "0+"),
                array("Partitions", "OffsetDeleteRequestPartition", "0+",
                    field("PartitionIndex", INT32, "0+"))));

    public static final MessageSchema RESPONSE = message("OffsetDeleteResponse", "0", "none",
            field("ErrorCode", INT16, "0+"),
            field("ThrottleTimeMs", INT32, "0+"),
            array("Topics", "OffsetDeleteResponseTopic", "0+",
                field("Name", STRING, "0+"),
                array("Partitions", "OffsetDeleteResponsePartition", "0+",
                    field("PartitionIndex", INT32, "0+"),
                    field("ErrorCode", INT16, "0+"))));

    private OffsetDeleteMessages() {
    }
}
