package dev.millrace.broker.network;

import dev.millrace.broker.handler.HandlerRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty listener: one acceptor thread, {@code num.network.threads} event loops, and per connection the
 * pipeline frame decoder → request dispatcher. Event loops never touch the disk for writes: handlers pass
 * appends to the partition's I/O thread.
 */
public final class SocketServer implements AutoCloseable {
    /** How long a shutdown waits for requests already read to be answered. */
    private static final long DRAIN_TIMEOUT_MS = 5_000;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final ChannelGroup connections;
    private final AtomicInteger inFlight;
    private final Transport transport;

    private SocketServer(EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel, ChannelGroup connections,
                         AtomicInteger inFlight, Transport transport) {
        this.boss = boss;
        this.workers = workers;
        this.serverChannel = serverChannel;
        this.connections = connections;
        this.inFlight = inFlight;
        this.transport = transport;
    }

    /** "epoll" or "nio": what the listener runs on, for the start-up log line. */
    public String transport() {
        return transport.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Binds the listener; port 0 picks a free port (see {@link #port()}). */
    public static SocketServer start(String host, int port, int networkThreads, int maxRequestBytes,
                                     int sendBufferBytes, int receiveBufferBytes, HandlerRegistry handlers)
            throws InterruptedException {
        Transport transport = Transport.choose();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(networkThreads, transport.ioHandlerFactory());
        ChannelGroup connections = new DefaultChannelGroup("millrace-connections", GlobalEventExecutor.INSTANCE);
        AtomicInteger inFlight = new AtomicInteger();
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
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
                            connections.add(ch);
                            ch.pipeline()
                                    .addLast("frames", new FrameDecoder(maxRequestBytes))
                                    .addLast("requests", new RequestDispatcher(handlers, inFlight));
                        }
                    });
            Channel channel = bootstrap.bind(new InetSocketAddress(host, port)).sync().channel();
            return new SocketServer(boss, workers, channel, connections, inFlight, transport);
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

    /**
     * Graceful close: stop accepting and stop reading new requests, let the requests already read be
     * answered (a parked fetch ends within its max wait; bounded by {@value #DRAIN_TIMEOUT_MS} ms), then
     * close every connection.
     */
    @Override
    public void close() {
        stopAccepting();
        connections.forEach(ch -> ch.config().setAutoRead(false));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MS);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.close().awaitUninterruptibly(DRAIN_TIMEOUT_MS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
