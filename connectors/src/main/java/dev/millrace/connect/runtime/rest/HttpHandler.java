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

/** Decodes one HTTP request into a route call and writes its {@link Response} as JSON. */
@ChannelHandler.Sharable
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(HttpHandler.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorsRoutes routes;

    HttpHandler(ConnectorsRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Response response;
        if (!request.decoderResult().isSuccess()) {
            response = Response.error(400, "Malformed HTTP request");
        } else {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String body = request.content().toString(StandardCharsets.UTF_8);
            try {
                response = routes.handle(request.method().name(), uri.path(), uri.parameters(), body);
            } catch (RuntimeException e) {
                log.error("REST request {} {} failed", request.method(), request.uri(), e);
                response = Response.error(500, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        write(ctx, response, HttpUtil.isKeepAlive(request));
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
