package dev.millrace.broker.network;

import dev.millrace.broker.handler.HandlerRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Netty listener: one acceptor thread, {@code num.network.threads} event loops, and per connection the
 * pipeline frame decoder → request dispatcher. Event loops never touch the disk for writes: handlers pass
 * appends to the partition's I/O thread.
 */
public final class SocketServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;

    private SocketServer(EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel) {
        this.boss = boss;
        this.workers = workers;
        this.serverChannel = serverChannel;
    }

    /** Binds the listener; port 0 picks a free port (see {@link #port()}). */
    public static SocketServer start(String host, int port, int networkThreads, int maxRequestBytes,
                                     int sendBufferBytes, int receiveBufferBytes, HandlerRegistry handlers)
            throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(networkThreads, NioIoHandler.newFactory());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (sendBufferBytes > 0) {
                                ch.config().setSendBufferSize(sendBufferBytes);
                            }
                            if (receiveBufferBytes > 0) {
                                ch.config().setReceiveBufferSize(receiveBufferBytes);
                            }
                            ch.pipeline()
                                    .addLast("frames", new FrameDecoder(maxRequestBytes))
                                    .addLast("requests", new RequestDispatcher(handlers));
                        }
                    });
            Channel channel = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
            return new SocketServer(boss, workers, channel);
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting connections; connections already open keep being served until {@link #close()}. */
    public void stopAccepting() {
        serverChannel.close().syncUninterruptibly();
    }

    /** Closes every connection after giving in-flight responses a short grace period to leave. */
    @Override
    public void close() {
        stopAccepting();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(200, 5000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
