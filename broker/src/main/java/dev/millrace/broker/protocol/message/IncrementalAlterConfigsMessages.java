package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * IncrementalAlterConfigs (key 44): set, delete, append or subtract single configuration keys.
 */
public final class IncrementalAlterConfigsMessages {

    public static final MessageSchema REQUEST = message("IncrementalAlterConfigsRequest", "0-1", "1+",
            array("Resources", "AlterConfigsResource", "0+",
                field("ResourceType", INT8, "0+"),
                field("ResourceName", STRING, "0+"),
                array("Configs", "AlterableConfig", "0+",
                    field("Name", STRING, "0+"),
                    field("ConfigOperation", INT8, "0+"),
                    field("Value", STRING, "0+").nullable("0+"))),
            field("ValidateOnly", BOOL, "0+"));

    public static final MessageSchema RESPONSE = message("IncrementalAlterConfigsResponse", "0-1", "1+",
            field("ThrottleTimeMs", INT32, "0+"),
            array("Responses", "AlterConfigsResourceResponse", "0+",
                field("ErrorCode", INT16, "0+"),
                field("ErrorMessage", STRING, "0+").nullable("0+"),
                field("ResourceType", INT8, "0+"),
                field("ResourceName", STRING, "0+")));

    private IncrementalAlterConfigsMessages() {
    }
}
