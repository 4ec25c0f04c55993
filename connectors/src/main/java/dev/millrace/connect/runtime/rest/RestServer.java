package dev.millrace.connect.runtime.rest;

import dev.millrace.connect.runtime.Herder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP listener of the REST API. Requests are decoded on one Netty event loop and handled on a small thread
 * pool, since a herder call may wait for the config topic.
 */
public final class RestServer implements AutoCloseable {
    private static final int MAX_BODY = 1 << 20;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService handlers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "connect-rest");
        t.setDaemon(true);
        return t;
    });
    private final Channel channel;
    /** Open client connections, closed before the executors stop so no event reaches a stopped executor. */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    private RestServer(String host, int port, Herder herder, String version, String clusterId) throws InterruptedException {
        HttpHandler handler = new HttpHandler(new ConnectorsRoutes(herder, version, clusterId), handlers);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec());
                        ch.pipeline().addLast(new HttpObjectAggregator(MAX_BODY));
                        ch.pipeline().addLast(handler);
                    }
                });
        try {
            this.channel = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdownGroups();
            throw e;
        }
    }

    /** Binds {@code host:port} (port 0: any free port). */
    public static RestServer start(String host, int port, Herder herder, String version, String clusterId)
            throws InterruptedException {
        return new RestServer(host, port, herder, version, clusterId);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public String url() {
        InetSocketAddress address = (InetSocketAddress) channel.localAddress();
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
        shutdownGroups();
    }

    private void shutdownGroups() {
        handlers.shutdown();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
