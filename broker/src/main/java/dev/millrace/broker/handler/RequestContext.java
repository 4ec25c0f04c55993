package dev.millrace.broker.handler;

import dev.millrace.broker.protocol.ApiKey;
import dev.millrace.broker.protocol.RequestHeader;
import java.net.SocketAddress;

/** What a handler knows about the request it serves besides its body. */
public record RequestContext(RequestHeader header, ApiKey api, short version, SocketAddress clientAddress) {
}
