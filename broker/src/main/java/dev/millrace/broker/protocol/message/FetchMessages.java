package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.arrayOf;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Schema.struct;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * Fetch (key 1): consumers and followers read record batches. v13+ names topics by {@code TopicId}. Response
 * {@code Records} may be a {@code FileRecords} when written through a {@code MessageOutput}.
 */
public final class FetchMessages {

    public static final MessageSchema REQUEST = message("FetchRequest", "4-18", "12+",
            field("ClusterId", STRING, "12+").nullable("12+").tagged(0, "12+").defaultNull(),
            field("ReplicaId", INT32, "0-14").defaultValue(-1),
            struct("ReplicaState", "ReplicaState", "15+",
                field("ReplicaId", INT32, "15+").defaultValue(-1),
                field("ReplicaEpoch", INT64, "15+").defaultValue(-1)).tagged(1, "15+"),
            field("MaxWaitMs", INT32, "0+"),
            field("MinBytes", INT32, "0+"),
            field("MaxBytes", INT32, "3+").defaultValue(Integer.MAX_VALUE),
            field("IsolationLevel", INT8, "4+"),
            field("SessionId", INT32, "7+"),
            field("SessionEpoch", INT32, "7+").defaultValue(-1),
            array("Topics", "FetchTopic", "0+",
                field("Topic", STRING, "0-12"),
                field("TopicId", UUID, "13+"),
                array("Partitions", "FetchPartition", "0+",
                    field("Partition", INT32, "0+"),
                    field("CurrentLeaderEpoch", INT32, "9+").defaultValue(-1),
                    field("FetchOffset", INT64, "0+"),
                    field("LastFetchedEpoch", INT32, "12+").defaultValue(-1),
                    field("LogStartOffset", INT64, "5+").defaultValue(-1),
                    field("PartitionMaxBytes", INT32, "0+"),
                    field("ReplicaDirectoryId", UUID, "17+").tagged(0, "17+"),
                    field("HighWatermark", INT64, "18+").tagged(1, "18+").defaultValue(Long.MAX_VALUE))),
            array("ForgottenTopicsData", "ForgottenTopic", "7+",
                field("Topic", STRING, "7-12"),
                field("TopicId", UUID, "13+"),
                arrayOf("Partitions", INT32, "7+")),
            field("RackId", STRING, "11+"));

    public static final MessageSchema RESPONSE = message("FetchResponse", "4-18", "12+",
            field("ThrottleTimeMs", INT32, "1+"),
            field("ErrorCode", INT16, "7+"),
            field("SessionId", INT32, "7+"),
            array("Responses", "FetchableTopicResponse", "0+",
                field("Topic", STRING, "0-12"),
                field("TopicId", UUID, "13+"),
                array("Partitions", "PartitionData", "0+",
                    field("PartitionIndex", INT32, "0+"),
                    field("ErrorCode", INT16, "0+"),
                    field("HighWatermark", INT64, "0+"),
                    field("LastStableOffset", INT64, "4+").defaultValue(-1),
                    field("LogStartOffset", INT64, "5+").defaultValue(-1),
                    struct("DivergingEpoch", "EpochEndOffset", "12+",
                        field("Epoch", INT32, "12+").defaultValue(-1),
                        field("EndOffset", INT64, "12+").defaultValue(-1)).tagged(0, "12+"),
                    struct("CurrentLeader", "LeaderIdAndEpoch", "12+",
                        field("LeaderId", INT32, "12+").defaultValue(-1),
                        field("LeaderEpoch", INT32, "12+").defaultValue(-1)).tagged(1, "12+"),
                    struct("SnapshotId", "SnapshotId", "12+",
                        field("EndOffset", INT64, "0+").defaultValue(-1),
                        field("Epoch", INT32, "0+").defaultValue(-1)).tagged(2, "12+"),
                    array("AbortedTransactions", "AbortedTransaction", "4+",
                        field("ProducerId", INT64, "4+"),
                        field("FirstOffset", INT64, "4+")).nullable("4+"),
                    field("PreferredReadReplica", INT32, "11+").defaultValue(-1),
                    field("Records", RECORDS, "0+").nullable("0+"))),
            array("NodeEndpoints", "NodeEndpoint", "16+",
                field("NodeId", INT32, "16+"),
                field("Host", STRING, "16+"),
                field("Port", INT32, "16+"),
                field("Rack", STRING, "16+").nullable("16+").defaultNull()).tagged(0, "16+"));

    private FetchMessages() {
    }
}
