package dev.millrace.broker.handler;

import dev.millrace.broker.group.GroupCoordinator;
import dev.millrace.broker.metadata.BrokerIdentity;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * FindCoordinator: this node coordinates every group (it leads every partition of __consumer_offsets,
 * which the first group lookup creates). There is no transaction coordinator yet, so key type 1 answers
 * COORDINATOR_NOT_AVAILABLE, as Kafka does while its transaction state topic is unavailable.
 */
final class FindCoordinatorHandler implements RequestHandler {
    private static final byte GROUP = 0;
    private static final byte TRANSACTION = 1;

    private final Supplier<BrokerIdentity> identity;
    private final GroupCoordinator coordinator;

    FindCoordinatorHandler(Supplier<BrokerIdentity> identity, GroupCoordinator coordinator) {
        this.identity = identity;
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.version();
        byte keyType = version >= 1 ? request.getByte("KeyType") : GROUP;
        List<String> keys = version >= 4 ? request.<String>getArray("CoordinatorKeys")
                : List.of(request.getString("Key"));
        CompletableFuture<Errors> ready = keyType == GROUP ? coordinator.ensureOffsetsTopic()
                : CompletableFuture.completedFuture(Errors.NONE);
        return ready.thenApply(topicError -> {
            Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
            for (String key : keys) {
                Errors error;
                String message = null;
                if (keyType == GROUP) {
                    error = topicError == Errors.NONE ? Errors.NONE : Errors.COORDINATOR_NOT_AVAILABLE;
                } else if (keyType == TRANSACTION) {
                    error = Errors.COORDINATOR_NOT_AVAILABLE;
                    message = "Transactions are not supported by this broker yet.";
                } else {
                    error = Errors.INVALID_REQUEST;
                    message = "Unsupported key type " + keyType;
                }
                Struct out = version >= 4 ? response.addStruct("Coordinators").set("Key", key) : response;
                BrokerIdentity me = identity.get();
                boolean ok = error == Errors.NONE;
                out.set("ErrorCode", error.code())
                        .set("ErrorMessage", ok ? null : message != null ? message : error.message())
                        .set("NodeId", ok ? me.nodeId() : -1)
                        .set("Host", ok ? me.host() : "")
                        .set("Port", ok ? me.port() : -1);
            }
            return response;
        });
    }
}
