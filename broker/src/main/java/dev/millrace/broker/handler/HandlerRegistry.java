package dev.millrace.broker.handler;

import dev.millrace.broker.protocol.ApiKey;
import dev.millrace.broker.protocol.types.Struct;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One handler per API key; every key the broker advertises must have one (checked at start-up). */
public final class HandlerRegistry {
    private final Map<ApiKey, RequestHandler> handlers = new EnumMap<>(ApiKey.class);

    public HandlerRegistry register(ApiKey api, RequestHandler handler) {
        if (handlers.putIfAbsent(api, handler) != null) {
            throw new IllegalStateException("Two handlers for " + api);
        }
        return this;
    }

    /** Fails when an advertised API has no handler, so ApiVersions never lists what we don't serve. */
    public HandlerRegistry verifyComplete() {
        for (ApiKey api : ApiKey.values()) {
            if (!handlers.containsKey(api)) {
                throw new IllegalStateException("No handler registered for advertised API " + api);
            }
        }
        return this;
    }

    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        try {
            return handlers.get(context.api()).handle(context, request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
