package dev.millrace.broker.handler;

import dev.millrace.broker.metadata.BrokerIdentity;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** DescribeCluster: the cluster id, the controller and the brokers (Admin.describeCluster, kafka-topics). */
final class DescribeClusterHandler implements RequestHandler {
    private static final byte BROKER_ENDPOINTS = 1;

    private final Supplier<BrokerIdentity> identity;

    DescribeClusterHandler(Supplier<BrokerIdentity> identity) {
        this.identity = identity;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        BrokerIdentity self = identity.get();
        Struct response = context.api().response().newStruct();
        response.set("ThrottleTimeMs", 0);
        if (context.version() >= 1 && request.getByte("EndpointType") != BROKER_ENDPOINTS) {
            response.set("ErrorCode", Errors.UNSUPPORTED_ENDPOINT_TYPE.code())
                    .set("ErrorMessage", "Only broker endpoints are served by this node.");
            return CompletableFuture.completedFuture(response);
        }
        response.set("ErrorCode", Errors.NONE.code())
                .set("EndpointType", BROKER_ENDPOINTS)
                .set("ClusterId", self.clusterId())
                .set("ControllerId", self.nodeId());
        response.addStruct("Brokers")
                .set("BrokerId", self.nodeId())
                .set("Host", self.host())
                .set("Port", self.port())
                .set("Rack", null)
                .set("IsFenced", false);
        return CompletableFuture.completedFuture(response);
    }
}
