package dev.millrace.broker.handler;

import dev.millrace.broker.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;

/**
 * Serves one API key. Called on the connection's event loop, so it must not block: work that touches the
 * disk is handed to the partition's I/O thread or the metadata thread, and the future completes later.
 */
public interface RequestHandler {

    /**
     * Serves {@code request}; the future completes with the response body, or with null when the request
     * gets no response (Produce with acks=0), or exceptionally with {@link CloseConnectionException}.
     * Record bytes inside {@code request} stay valid until the future completes.
     */
    CompletableFuture<Struct> handle(RequestContext context, Struct request);
}
