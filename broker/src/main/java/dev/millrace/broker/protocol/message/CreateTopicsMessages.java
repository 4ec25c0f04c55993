package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.arrayOf;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * CreateTopics (key 19). Note Kafka's spelling: the request's last two fields are {@code timeoutMs} and
 * {@code validateOnly}, lower-case. Declared 0-7; v0-1 (dropped by Kafka 4.0, KIP-896) lack validateOnly (v0),
 * the result's ErrorMessage (v0) and ThrottleTimeMs (v0-1).
 */
public final class CreateTopicsMessages {

    public static final MessageSchema REQUEST = message("CreateTopicsRequest", "0-7", "5+",
            array("Topics", "CreatableTopic", "0+",
                field("Name", STRING, "0+"),
                field("NumPartitions", INT32, "0+"),
                field("ReplicationFactor", INT16, "0+"),
                array("Assignments", "CreatableReplicaAssignment", "0+",
                    field("PartitionIndex", INT32, "0+"),
                    arrayOf("BrokerIds", INT32, "0+")),
                array("Configs", "CreatableTopicConfig", "0+",
                    field("Name", STRING, "0+"),
                    field("Value", STRING, "0+").nullable("0+"))),
            field("timeoutMs", INT32, "0+").defaultValue(60000),
            field("validateOnly", BOOL, "1+"));

    public static final MessageSchema RESPONSE = message("CreateTopicsResponse", "0-7", "5+",
            field("ThrottleTimeMs", INT32, "2+"),
            array("Topics", "CreatableTopicResult", "0+",
                field("Name", STRING, "0+"),
                field("TopicId", UUID, "7+"),
                field("ErrorCode", INT16, "0+"),
                field("ErrorMessage", STRING, "1+").nullable("0+"),
                field("TopicConfigErrorCode", INT16, "5+").tagged(0, "5+"),
                field("NumPartitions", INT32, "5+").defaultValue(-1),
                field("ReplicationFactor", INT16, "5+").defaultValue(-1),
                array("Configs", "CreatableTopicConfigs", "5+",
                    field("Name", STRING, "5+"),
                    field("Value", STRING, "5+").nullable("5+"),
                    field("ReadOnly", BOOL, "5+"),
                    field("ConfigSource", INT8, "5+").defaultValue(-1),
                    field("IsSensitive", BOOL, "5+")).nullable("5+")));

    private CreateTopicsMessages() {
    }
}
