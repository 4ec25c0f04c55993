package dev.millrace.broker.handler;

import dev.millrace.broker.metadata.ProducerIdAllocator;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InitProducerId for idempotent producers: a fresh producer id with epoch 0 each time, as Kafka does for a
 * request without a transactional id (also when the client names its old id to recover, KIP-360).
 * Transactional ids need the transaction coordinator, which this broker does not have yet.
 */
final class InitProducerIdHandler implements RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(InitProducerIdHandler.class);

    private final ProducerIdAllocator allocator;
    private final Executor diskExecutor;

    InitProducerIdHandler(ProducerIdAllocator allocator, Executor diskExecutor) {
        this.allocator = allocator;
        this.diskExecutor = diskExecutor;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
        if (request.getString("TransactionalId") != null) {
            log.warn("Refusing InitProducerId with transactional id '{}' from {}: transactions are not supported yet",
                    request.getString("TransactionalId"), context.clientAddress());
            response.set("ErrorCode", Errors.UNSUPPORTED_VERSION.code()).set("ProducerId", -1L)
                    .set("ProducerEpoch", (short) -1);
            return CompletableFuture.completedFuture(response);
        }
        // A new block of ids is persisted now and then, so allocation may touch the disk.
        return CompletableFuture.supplyAsync(allocator::next, diskExecutor).thenApply(id ->
                response.set("ErrorCode", Errors.NONE.code()).set("ProducerId", id).set("ProducerEpoch", (short) 0));
    }
}
