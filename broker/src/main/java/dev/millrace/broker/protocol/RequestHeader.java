package dev.millrace.broker.protocol;

import dev.millrace.broker.protocol.types.Varints;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The header in front of every request body (PROTOCOL.md 1.2): api key, api version, correlation id and client
 * id, plus, in header v2, a tagged-field section we skip (no request header tags are used by us).
 */
public record RequestHeader(short apiKey, short apiVersion, int correlationId, String clientId) {

    /**
     * Reads a header and leaves {@code in} at the start of the body. The client id is an int16-length nullable
     * string even in header v2. For an api key we do not know, returns what was read without looking for a
     * tagged section: the caller answers nothing and closes the connection.
     *
     * @throws ProtocolException if the header is truncated or malformed
     */
    public static RequestHeader read(ByteBuf in) {
        try {
            short apiKey = in.readShort();
            short apiVersion = in.readShort();
            int correlationId = in.readInt();
            String clientId = readClientId(in);
            ApiKey api = ApiKey.forId(apiKey);
            if (api != null && api.requestHeaderVersion(apiVersion) >= 2) {
                skipTaggedFields(in);
            }
            return new RequestHeader(apiKey, apiVersion, correlationId, clientId);
        } catch (IndexOutOfBoundsException e) {
            throw new ProtocolException("Truncated request header", e);
        }
    }

    /** The API, or null if we do not implement it. */
    public ApiKey api() {
        return ApiKey.forId(apiKey);
    }

    private static String readClientId(ByteBuf in) {
        short len = in.readShort();
        if (len < 0) {
            if (len != -1) {
                throw new ProtocolException("Negative client id length " + len);
            }
            return null;
        }
        if (len > in.readableBytes()) {
            throw new ProtocolException("Client id length " + len + " exceeds the " + in.readableBytes() + " bytes left");
        }
        String clientId = in.toString(in.readerIndex(), len, StandardCharsets.UTF_8);
        in.skipBytes(len);
        return clientId;
    }

    private static void skipTaggedFields(ByteBuf in) {
        int count = Varints.readUnsignedVarint(in);
        for (int i = 0; i < count; i++) {
            Varints.readUnsignedVarint(in); // tag
            int size = Varints.readUnsignedVarint(in);
            if (size < 0 || size > in.readableBytes()) {
                throw new ProtocolException("Tagged header field of " + size + " bytes, " + in.readableBytes() + " left");
            }
            in.skipBytes(size);
        }
    }
}
