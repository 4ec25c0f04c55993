package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.arrayOf;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * DeleteTopics (key 20): by {@code TopicNames} up to v5, by {@code Topics} (name or id) from v6. Declared 0-6;
 * v0 (dropped by Kafka 4.0, KIP-896) only lacks ThrottleTimeMs.
 */
public final class DeleteTopicsMessages {

    public static final MessageSchema REQUEST = message("DeleteTopicsRequest", "0-6", "4+",
            array("Topics", "DeleteTopicState", "6+",
                field("Name", STRING, "6+").nullable("6+").defaultNull(),
                field("TopicId", UUID, "6+")),
            arrayOf("TopicNames", STRING, "0-5"),
            field("TimeoutMs", INT32, "0+"));

    public static final MessageSchema RESPONSE = message("DeleteTopicsResponse", "0-6", "4+",
            field("ThrottleTimeMs", INT32, "1+"),
            array("Responses", "DeletableTopicResult", "0+",
                field("Name", STRING, "0+").nullable("6+"),
                field("TopicId", UUID, "6+"),
                field("ErrorCode", INT16, "0+"),
                field("ErrorMessage", STRING, "5+").nullable("5+").defaultNull()));

    private DeleteTopicsMessages() {
    }
}
