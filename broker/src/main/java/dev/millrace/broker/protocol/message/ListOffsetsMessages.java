package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.arrayOf;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * ListOffsets (key 2): offsets by timestamp, including the special timestamps -1 latest, -2 earliest, -3 max
 * timestamp and further. Declared 0-11: v0 (dropped by Kafka 4.0, KIP-896) asks for up to MaxNumOffsets offsets
 * and gets them as a bare list, without the timestamp.
 */
public final class ListOffsetsMessages {

    public static final MessageSchema REQUEST = message("ListOffsetsRequest", "0-11", "6+",
            field("ReplicaId", INT32, "0+"),
            field("IsolationLevel", INT8, "2+"),
            array("Topics", "ListOffsetsTopic", "0+",
                field("Name", STRING, "0+"),
                array("Partitions", "ListOffsetsPartition", "0+",
                    field("PartitionIndex", INT32, "0+"),
                    field("CurrentLeaderEpoch", INT32, "4+").defaultValue(-1),
                    field("Timestamp", INT64, "0+"),
                    field("MaxNumOffsets", INT32, "0").defaultValue(1))),
            field("TimeoutMs", INT32, "10+"));

    public static final MessageSchema RESPONSE = message("ListOffsetsResponse", "0-11", "6+",
            field("ThrottleTimeMs", INT32, "2+"),
            array("Topics", "ListOffsetsTopicResponse", "0+",
                field("Name", STRING, "0+"),
                array("Partitions", "ListOffsetsPartitionResponse", "0+",
                    field("PartitionIndex", INT32, "0+"),
                    field("ErrorCode", INT16, "0+"),
                    arrayOf("OldStyleOffsets", INT64, "0"),
                    field("Timestamp", INT64, "1+").defaultValue(-1),
                    field("Offset", INT64, "1+").defaultValue(-1),
                    field("LeaderEpoch", INT32, "4+").defaultValue(-1))));

    private ListOffsetsMessages() {
    }
}
