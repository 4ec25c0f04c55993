package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.arrayOf;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * Metadata (key 3): brokers, cluster id, controller, and per topic its id and partitions with leader,
 * replicas and ISR. Request {@code Topics} null (v1+) means all topics; an empty array means none.
 */
public final class MetadataMessages {

    public static final MessageSchema REQUEST = message("MetadataRequest", "0-13", "9+",
            array("Topics", "MetadataRequestTopic", "0+",
                field("TopicId", UUID, "10+"),
                field("Name", STRING, "0+").nullable("10+")).nullable("1+"),
            field("AllowAutoTopicCreation", BOOL, "4+").defaultValue(true),
            field("IncludeClusterAuthorizedOperations", BOOL, "8-10"),
            field("IncludeTopicAuthorizedOperations", BOOL, "8+"));

    public static final MessageSchema RESPONSE = message("MetadataResponse", "0-13", "9+",
            field("ThrottleTimeMs", INT32, "3+"),
            array("Brokers", "MetadataResponseBroker", "0+",
                field("NodeId", INT32, "0+"),
                field("Host", STRING, "0+"),
                field("Port", INT32, "0+"),
                field("Rack", STRING, "1+").nullable("1+").defaultNull()),
            field("ClusterId", STRING, "2+").nullable("2+").defaultNull(),
            field("ControllerId", INT32, "1+").defaultValue(-1),
            array("Topics", "MetadataResponseTopic", "0+",
                field("ErrorCode", INT16, "0+"),
                field("Name", STRING, "0+").nullable("12+"),
                field("TopicId", UUID, "10+"),
                field("IsInternal", BOOL, "1+"),
                array("Partitions", "MetadataResponsePartition", "0+",
                    field("ErrorCode", INT16, "0+"),
                    field("PartitionIndex", INT32, "0+"),
                    field("LeaderId", INT32, "0+"),
                    field("LeaderEpoch", INT32, "7+").defaultValue(-1),
                    arrayOf("ReplicaNodes", INT32, "0+"),
                    arrayOf("IsrNodes", INT32, "0+"),
                    arrayOf("OfflineReplicas", INT32, "5+")),
                field("TopicAuthorizedOperations", INT32, "8+").defaultValue(Integer.MIN_VALUE)),
            field("ClusterAuthorizedOperations", INT32, "8-10").defaultValue(Integer.MIN_VALUE),
            field("ErrorCode", INT16, "13+"));

    private MetadataMessages() {
    }
}
