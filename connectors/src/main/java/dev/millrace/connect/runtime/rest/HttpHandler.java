package dev.millrace.connect.runtime.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Decodes one HTTP request into a route call and writes its {@link Response} as JSON. */
@ChannelHandler.Sharable
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpHandler.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorsRoutes routes;
    private final Executor executor;

    /** {@code executor} runs the routes: a herder call may wait for the config topic, an event loop must not. */
    HttpHandler(ConnectorsRoutes routes, Executor executor) {
        this.routes = routes;
        this.executor = executor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, Response.error(400, "Malformed HTTP request"), false);
            return;
        }
        // copied out here: the request is released when this method returns
        String method = request.method().name();
        String rawUri = request.uri();
        QueryStringDecoder uri = new QueryStringDecoder(rawUri);
        String body = request.content().toString(StandardCharsets.UTF_8);
        try {
            executor.execute(() -> {
                Response response;
                try {
                    response = routes.handle(method, uri.path(), uri.parameters(), body);
                } catch (RuntimeException e) {
                    log.error("REST request {} {} failed", method, rawUri, e);
                    response = Response.error(500, e.getMessage() == null ? e.toString() : e.getMessage());
                }
                write(ctx, response, keepAlive);
            });
        } catch (RejectedExecutionException e) {
            write(ctx, Response.error(503, "The connect worker is shutting down"), false);
        }
    }

    private static void write(ChannelHandlerContext ctx, Response response, boolean keepAlive) {
        ByteBuf content;
        try {
            content = response.body() == null ? Unpooled.EMPTY_BUFFER
                    : Unpooled.wrappedBuffer(JSON.writeValueAsBytes(response.body()));
        } catch (Exception e) {
            content = Unpooled.copiedBuffer("{\"error_code\":500,\"message\":\"response not serialisable\"}",
                    StandardCharsets.UTF_8);
        }
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), content);
        if (response.body() != null) {
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        if (keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(http);
        } else {
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("REST connection failed", cause);
        ctx.close();
    }
}
