package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.arrayOf;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * CreatePartitions (key 37): raise the partition count of topics, optionally with replica assignments.
 */
public final class CreatePartitionsMessages {

    public static final MessageSchema REQUEST = message("CreatePartitionsRequest", "0-3", "2+",
            array("Topics", "CreatePartitionsTopic", "0+",
                field("Name", STRING, "0+"),
                field("Count", INT32, "0+"),
                array("Assignments", "CreatePartitionsAssignment", "0+",
                    arrayOf("BrokerIds", INT32, "0+")).nullable("0+")),
            field("TimeoutMs", INT32, "0+"),
            field("ValidateOnly", BOOL, "0+"));

    public static final MessageSchema RESPONSE = message("CreatePartitionsResponse", "0-3", "2+",
            field("ThrottleTimeMs", INT32, "0+"),
            array("Results", "CreatePartitionsTopicResult", "0+",
                field("Name", STRING, "0+"),
                field("ErrorCode", INT16, "0+"),
                field("ErrorMessage", STRING, "0+").nullable("0+").defaultNull()));

    private CreatePartitionsMessages() {
    }
}
