package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Schema.struct;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * Produce (key 0): record batches per topic partition. v13 names topics by {@code TopicId} only; {@code Name}
 * exists up to v12. {@code Records} is read as a slice of the request buffer.
 */
public final class ProduceMessages {

    public static final MessageSchema REQUEST = message("ProduceRequest", "3-13", "9+",
            field("TransactionalId", STRING, "3+").nullable("3+").defaultNull(),
            field("Acks", INT16, "0+"),
            field("TimeoutMs", INT32, "0+"),
            array("TopicData", "TopicProduceData", "0+",
                field("Name", STRING, "0-12"),
                field("TopicId", UUID, "13+"),
                array("PartitionData", "PartitionProduceData", "0+",
                    field("Index", INT32, "0+"),
                    field("Records", RECORDS, "0+").nullable("0+"))));

    public static final MessageSchema RESPONSE = message("ProduceResponse", "3-13", "9+",
            array("Responses", "TopicProduceResponse", "0+",
                field("Name", STRING, "0-12"),
                field("TopicId", UUID, "13+"),
                array("PartitionResponses", "PartitionProduceResponse", "0+",
                    field("Index", INT32, "0+"),
                    field("ErrorCode", INT16, "0+"),
                    field("BaseOffset", INT64, "0+"),
                    field("LogAppendTimeMs", INT64, "2+").defaultValue(-1),
                    field("LogStartOffset", INT64, "5+").defaultValue(-1),
                    array("RecordErrors", "BatchIndexAndErrorMessage", "8+",
                        field("BatchIndex", INT32, "8+"),
                        field("BatchIndexErrorMessage", STRING, "8+").nullable("8+").defaultNull()),
                    field("ErrorMessage", STRING, "8+").nullable("8+").defaultNull(),
                    struct("CurrentLeader", "LeaderIdAndEpoch", "10+",
                        field("LeaderId", INT32, "10+").defaultValue(-1),
                        field("LeaderEpoch", INT32, "10+").defaultValue(-1)).tagged(0, "10+"))),
            field("ThrottleTimeMs", INT32, "1+"),
            array("NodeEndpoints", "NodeEndpoint", "10+",
                field("NodeId", INT32, "10+"),
                field("Host", STRING, "10+"),
                field("Port", INT32, "10+"),
                field("Rack", STRING, "10+").nullable("10+").defaultNull()).tagged(0, "10+"));

    private ProduceMessages() {
    }
}
