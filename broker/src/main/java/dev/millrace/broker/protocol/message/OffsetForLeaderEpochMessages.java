package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * OffsetForLeaderEpoch (key 23): the end offset of a leader epoch, for log truncation after a leader change.
 * Declared 0-4; v0-1 (dropped by Kafka 4.0, KIP-896) lack CurrentLeaderEpoch and ThrottleTimeMs, v0 also the
 * answered LeaderEpoch.
 */
public final class OffsetForLeaderEpochMessages {

    public static final MessageSchema REQUEST = message("OffsetForLeaderEpochRequest", "0-4", "4+",
            field("ReplicaId", INT32, "3+").defaultValue(-2),
            array("Topics", "OffsetForLeaderTopic", "0+",
                field("Topic", STRING, "0+"),
                array("Partitions", "OffsetForLeaderPartition", "0+",
                    field("Partition", INT32, "0+"),
                    field("CurrentLeaderEpoch", INT32, "2+").defaultValue(-1),
                    field("LeaderEpoch", INT32, "0+"))));

    public static final MessageSchema RESPONSE = message("OffsetForLeaderEpochResponse", "0-4", "4+",
            field("ThrottleTimeMs", INT32, "2+"),
            array("Topics", "OffsetForLeaderTopicResult", "0+",
                field("Topic", STRING, "0+"),
                array("Partitions", "EpochEndOffset", "0+",
                    field("ErrorCode", INT16, "0+"),
                    field("Partition", INT32, "0+"),
                    field("LeaderEpoch", INT32, "1+").defaultValue(-1),
                    field("EndOffset", INT64, "0+").defaultValue(-1))));

    private OffsetForLeaderEpochMessages() {
    }
}
