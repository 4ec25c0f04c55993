package dev.millrace.broker.protocol;

import io.netty.buffer.ByteBuf;

/**
 * The header in front of every response body (PROTOCOL.md 1.3): the correlation id, plus an empty
 * tagged-field section in header v1. Pick the version with {@link ApiKey#responseHeaderVersion(short)}.
 */
public final class ResponseHeader {

    private ResponseHeader() {
    }

    public static void write(ByteBuf out, int correlationId, short headerVersion) {
        out.writeInt(correlationId);
        if (headerVersion >= 1) {
            out.writeByte(0); // no tagged fields
        }
    }

    public static int size(short headerVersion) {
        return headerVersion >= 1 ? 5 : 4;
    }
}
