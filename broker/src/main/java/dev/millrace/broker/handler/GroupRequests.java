package dev.millrace.broker.handler;

import dev.millrace.broker.protocol.Errors;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Small conversions shared by the group API handlers. */
final class GroupRequests {
    private GroupRequests() {
    }

    /** The client host as Kafka reports it in DescribeGroups ({@code /127.0.0.1}). */
    static String clientHost(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().toString();
        }
        return address == null ? "" : address.toString();
    }

    /** The exception of a failed coordinator future, as an error code (the thread is gone at shutdown). */
    static Errors failure(Throwable thrown) {
        Throwable t = ErrorMapping.unwrap(thrown);
        if (t instanceof java.util.concurrent.RejectedExecutionException) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        return ErrorMapping.toError(t);
    }
}
