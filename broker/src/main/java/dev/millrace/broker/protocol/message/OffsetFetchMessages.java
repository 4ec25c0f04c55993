package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.arrayOf;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * OffsetFetch (key 9): committed offsets. Up to v7 one {@code GroupId} with {@code Topics} (null for all)
 * and answers in top-level {@code Topics}/{@code ErrorCode}; from v8 a batch of {@code Groups}, each with its
 * own {@code Topics} and {@code ErrorCode}. Topics are named by {@code Name} up to v9 and by {@code TopicId}
 * from v10.
 */
public final class OffsetFetchMessages {

    public static final MessageSchema REQUEST = message("OffsetFetchRequest", "1-10", "6+",
            field("GroupId", STRING, "0-7"),
            array("Topics", "OffsetFetchRequestTopic", "0-7",
                field("Name", STRING, "0-7"),
                arrayOf("PartitionIndexes", INT32, "0-7")).nullable("2-7"),
            array("Groups", "OffsetFetchRequestGroup", "8+",
                field("GroupId", STRING, "8+"),
                field("MemberId", STRING, "9+").nullable("9+").defaultNull(),
                field("MemberEpoch", INT32, "9+").defaultValue(-1),
                array("Topics", "OffsetFetchRequestTopics", "8+",
                    field("Name", STRING, "8-9"),
                    field("TopicId", UUID, "10+"),
                    arrayOf("PartitionIndexes", INT32, "8+")).nullable("8+")),
            field("RequireStable", BOOL, "7+"));

    public static final MessageSchema RESPONSE = message("OffsetFetchResponse", "1-10", "6+",
            field("ThrottleTimeMs", INT32, "3+"),
            array("Topics", "OffsetFetchResponseTopic", "0-7",
                field("Name", STRING, "0-7"),
                array("Partitions", "OffsetFetchResponsePartition", "0-7",
                    field("PartitionIndex", INT32, "0-7"),
                    field("CommittedOffset", INT64, "0-7"),
                    field("CommittedLeaderEpoch", INT32, "5-7").defaultValue(-1),
                    field("Metadata", STRING, "0-7").nullable("0-7"),
                    field("ErrorCode", INT16, "0-7"))),
            field("ErrorCode", INT16, "2-7"),
            array("Groups", "OffsetFetchResponseGroup", "8+",
                field("GroupId", STRING, "8+"),
                array("Topics", "OffsetFetchResponseTopics", "8+",
                    field("Name", STRING, "8-9"),
                    field("TopicId", UUID, "10+"),
                    array("Partitions", "OffsetFetchResponsePartitions", "8+",
                        field("PartitionIndex", INT32, "8+"),
                        field("CommittedOffset", INT64, "8+"),
                        field("CommittedLeaderEpoch", INT32, "8+").defaultValue(-1),
                        field("Metadata", STRING, "8+").nullable("8+"),
                        field("ErrorCode", INT16, "8+"))),
                field("ErrorCode", INT16, "8+")));

    private OffsetFetchMessages() {
    }
}
