package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * OffsetCommit (key 8): committed offsets per topic partition. Topics are named by {@code Name} up to v9
 * and by {@code TopicId} from v10. {@code GenerationIdOrMemberEpoch} is a classic generation or a KIP-848
 * member epoch; {@code RetentionTimeMs} exists only in v2-4.
 */
public final class OffsetCommitMessages {

    public static final MessageSchema REQUEST = message("OffsetCommitRequest", "2-10", "8+",
            field("GroupId", STRING, "0+"),
            field("GenerationIdOrMemberEpoch", INT32, "1+").defaultValue(-1),
            field("MemberId", STRING, "1+"),
            field("GroupInstanceId", STRING, "7+").nullable("7+").defaultNull(),
            field("RetentionTimeMs", INT64, "2-4").defaultValue(-1),
            array("Topics", "OffsetCommitRequestTopic", "0+",
                field("Name", STRING, "0-9"),
                field("TopicId", UUID, "10+"),
                array("Partitions", "OffsetCommitRequestPartition", "0+",
                    field("PartitionIndex", INT32, "0+"),
                    field("CommittedOffset", INT64, "0+"),
                    field("CommittedLeaderEpoch", INT32, "6+").defaultValue(-1),
                    field("CommittedMetadata", STRING, "0+").nullable("0+"))));

    public static final MessageSchema RESPONSE = message("OffsetCommitResponse", "2-10", "8+",
            field("ThrottleTimeMs", INT32, "3+"),
            array("Topics", "OffsetCommitResponseTopic", "0+",
                field("Name", STRING, "0-9"),
                field("TopicId", UUID, "10+"),
                array("Partitions", "OffsetCommitResponsePartition", "0+",
                    field("PartitionIndex", INT32, "0+"),
                    field("ErrorCode", INT16, "0+"))));

    private OffsetCommitMessages() {
    }
}
