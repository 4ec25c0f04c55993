package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * DeleteRecords (key 21): move a partition's log start offset forward.
 */
public final class DeleteRecordsMessages {

    public static final MessageSchema REQUEST = message("DeleteRecordsRequest", "0-2", "2+",
            array("Topics", "DeleteRecordsTopic", "0+",
                field("Name", STRING, "0+"),
                array("Partitions", "DeleteRecordsPartition", "0+",
                    field("PartitionIndex", INT32, "0+"),
                    field("Offset", INT64, "0+"))),
            field("TimeoutMs", INT32, "0+"));

    public static final MessageSchema RESPONSE = message("DeleteRecordsResponse", "0-2", "2+",
            field("ThrottleTimeMs", INT32, "0+"),
            array("Topics", "DeleteRecordsTopicResult", "0+",
                field("Name", STRING, "0+"),
                array("Partitions", "DeleteRecordsPartitionResult", "0+",
                    field("PartitionIndex", INT32, "0+"),
                    field("LowWatermark", INT64, "0+"),
                    field("ErrorCode", INT16, "0+"))));

    private DeleteRecordsMessages() {
    }
}
