package dev.millrace.broker.network;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The socket transport the listener runs on: Linux's native epoll when its library loads (edge-triggered, one
 * system call fewer per wake-up than the JDK selector, and sendfile for fetches all the same), the JDK's NIO
 * otherwise. The system property {@code millrace.network.transport=nio} forces NIO, to compare or to work around
 * a platform problem.
 */
enum Transport {
    EPOLL, NIO;

    static final String PROPERTY = "millrace.network.transport";

    static Transport choose() {
        String forced = System.getProperty(PROPERTY, "").trim();
        switch (forced) {
            case "":
                return Epoll.isAvailable() ? EPOLL : NIO;
            case "nio":
                return NIO;
            case "epoll":
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException(PROPERTY + "=epoll but the native epoll transport cannot load: "
                            + Epoll.unavailabilityCause());
                }
                return EPOLL;
            default:
                throw new IllegalArgumentException(PROPERTY + " must be epoll or nio, not " + forced);
        }
    }

    IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
