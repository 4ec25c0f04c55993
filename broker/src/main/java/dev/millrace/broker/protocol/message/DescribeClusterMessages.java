package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * DescribeCluster (key 60): brokers, cluster id and controller, used by Admin and kafka-topics. Flexible in
 * every version.
 */
public final class DescribeClusterMessages {

    public static final MessageSchema REQUEST = message("DescribeClusterRequest", "0-2", "0+",
            field("IncludeClusterAuthorizedOperations", BOOL, "0+"),
            field("EndpointType", INT8, "1+").defaultValue(1),
            field("IncludeFencedBrokers", BOOL, "2+"));

    public static final MessageSchema RESPONSE = message("DescribeClusterResponse", "0-2", "0+",
            field("ThrottleTimeMs", INT32, "0+"),
            field("ErrorCode", INT16, "0+"),
            field("ErrorMessage", STRING, "0+").nullable("0+").defaultNull(),
            field("EndpointType", INT8, "1+").defaultValue(1),
            field("ClusterId", STRING, "0+"),
            field("ControllerId", INT32, "0+").defaultValue(-1),
            array("Brokers", "DescribeClusterBroker", "0+",
                field("BrokerId", INT32, "0+"),
                field("Host", STRING, "0+"),
                field("Port", INT32, "0+"),
                field("Rack", STRING, "0+").nullable("0+").defaultNull(),
                field("IsFenced", BOOL, "2+")),
            field("ClusterAuthorizedOperations", INT32, "0+").defaultValue(Integer.MIN_VALUE));

    private DescribeClusterMessages() {
    }
}
