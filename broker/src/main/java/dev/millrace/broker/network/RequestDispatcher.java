package dev.millrace.broker.network;

import dev.millrace.broker.handler.CloseConnectionException;
import dev.millrace.broker.handler.HandlerRegistry;
import dev.millrace.broker.handler.RequestContext;
import dev.millrace.broker.protocol.ApiKey;
import dev.millrace.broker.protocol.ApiVersionsFallback;
import dev.millrace.broker.protocol.ProtocolException;
import dev.millrace.broker.protocol.RequestHeader;
import dev.millrace.broker.protocol.ResponseHeader;
import dev.millrace.broker.protocol.types.MessageOutput;
import dev.millrace.broker.protocol.types.Struct;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-connection request pipeline: decodes the header and body of each frame, hands the request to
 * the handler for its API key and writes responses back in request order.
 *
 * <p>Anything the broker cannot parse (unknown API key, unsupported version, truncated or malformed body)
 * closes this one connection with a log line, as Kafka's socket server does; other connections and stored
 * data are not affected. The one exception is an ApiVersions request newer than we speak, which gets
 * Kafka's v0 fallback answer so the client can retry with a version we list.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    /** Beyond this many unanswered requests the connection stops reading until responses leave. */
    private static final int MAX_IN_FLIGHT = 128;

    private final HandlerRegistry handlers;
    private final ResponseQueue queue = new ResponseQueue();

    RequestDispatcher(HandlerRegistry handlers) {
        this.handlers = handlers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        boolean handedOff = false;
        try {
            RequestHeader header = RequestHeader.read(frame);
            ApiKey api = ApiKey.forId(header.apiKey());
            if (api == null) {
                closeWith(ctx, "unknown API key " + header.apiKey(), header);
                return;
            }
            short version = header.apiVersion();
            if (ApiVersionsFallback.appliesTo(header)) {
                respond(ctx, queue.reserve(), header, api, (short) 0, ApiVersionsFallback.body());
                return;
            }
            if (!api.isSupported(version)) {
                closeWith(ctx, api.apiName() + " version " + version + " is not supported (accepted "
                        + api.minAcceptedVersion() + "-" + api.maxVersion() + ")", header);
                return;
            }
            Struct body = api.request().read(frame, version);
            RequestContext context = new RequestContext(header, api, version, ctx.channel().remoteAddress());
            ResponseQueue.Slot slot = queue.reserve();
            CompletableFuture<Struct> response = handlers.handle(context, body);
            handedOff = true;
            response.whenComplete((result, error) -> {
                if (ctx.executor().inEventLoop()) {
                    finish(ctx, slot, frame, context, result, error);
                } else {
                    try {
                        ctx.executor().execute(() -> finish(ctx, slot, frame, context, result, error));
                    } catch (RejectedExecutionException e) {
                        // The event loop has shut down (broker closing): nobody is left to answer.
                        frame.release();
                    }
                }
            });
            if (queue.pending() >= MAX_IN_FLIGHT) {
                ctx.channel().config().setAutoRead(false);
            }
        } catch (ProtocolException e) {
            closeWith(ctx, "malformed request: " + e.getMessage(), null);
        } finally {
            if (!handedOff) {
                frame.release();
            }
        }
    }

    private void finish(ChannelHandlerContext ctx, ResponseQueue.Slot slot, ByteBuf frame, RequestContext context,
                        Struct result, Throwable error) {
        frame.release();
        if (!ctx.channel().isActive()) {
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CloseConnectionException) {
            closeWith(ctx, cause.getMessage(), context.header());
            return;
        }
        if (cause != null) {
            log.error("Unexpected error serving {} v{} from {}; closing the connection", context.api().apiName(),
                    context.version(), ctx.channel().remoteAddress(), cause);
            ctx.close();
            return;
        }
        if (result == null) {
            slot.complete(null);
            drain(ctx);
            return;
        }
        respond(ctx, slot, context.header(), context.api(), context.version(), result);
    }

    private void respond(ChannelHandlerContext ctx, ResponseQueue.Slot slot, RequestHeader header, ApiKey api,
                         short version, Struct body) {
        short headerVersion = api.responseHeaderVersion(version);
        int size = ResponseHeader.size(headerVersion) + api.response().sizeOf(body, version);
        MessageOutput out = new MessageOutput(ctx.alloc());
        out.current().writeInt(size);
        ResponseHeader.write(out.current(), header.correlationId(), headerVersion);
        api.response().write(body, version, out);
        slot.complete(out.parts());
        drain(ctx);
    }

    private void drain(ChannelHandlerContext ctx) {
        if (queue.drain(parts -> parts.forEach(ctx::write)) > 0) {
            ctx.flush();
        }
        if (queue.pending() < MAX_IN_FLIGHT / 2 && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private static void closeWith(ChannelHandlerContext ctx, String reason, RequestHeader header) {
        if (header != null) {
            log.warn("Closing connection from {} (client id '{}', correlation id {}): {}",
                    ctx.channel().remoteAddress(), header.clientId(), header.correlationId(), reason);
        } else {
            log.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), reason);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (ResponseQueue.Slot slot : queue.clear()) {
            List<Object> parts = slot.parts();
            if (parts != null) {
                parts.forEach(ReferenceCountUtil::release);
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("Closing connection from {} after an I/O error: {}", ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
