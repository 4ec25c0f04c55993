package dev.millrace.broker.protocol;

import dev.millrace.broker.protocol.message.ApiVersionsMessages;
import dev.millrace.broker.protocol.types.Struct;
import io.netty.buffer.ByteBuf;

/**
 * The answer to an ApiVersions request newer than we speak (PROTOCOL.md 1.4): the body is not parsed, and the
 * response is a v0 header and a v0 body with UNSUPPORTED_VERSION and only the ApiVersions entry, so the
 * client retries with our maximum.
 */
public final class ApiVersionsFallback {

    private static final short BODY_VERSION = 0;
    private static final short HEADER_VERSION = 0;

    private ApiVersionsFallback() {
    }

    /** Whether {@code header} is an ApiVersions request this fallback must answer. */
    public static boolean appliesTo(RequestHeader header) {
        return header.apiKey() == ApiKey.API_VERSIONS.id() && header.apiVersion() > ApiKey.API_VERSIONS.maxVersion();
    }

    /** The v0 body: error 35 and the single ApiVersions entry with our advertised range. */
    public static Struct body() {
        Struct body = ApiVersionsMessages.RESPONSE.newStruct().set("ErrorCode", Errors.UNSUPPORTED_VERSION.code());
        body.addStruct("ApiKeys")
                .set("ApiKey", ApiKey.API_VERSIONS.id())
                .set("MinVersion", ApiKey.API_VERSIONS.minVersion())
                .set("MaxVersion", ApiKey.API_VERSIONS.maxVersion());
        return body;
    }

    /** Bytes {@link #write} produces (without the frame's int32 size prefix): 16. */
    public static int size() {
        return ResponseHeader.size(HEADER_VERSION) + ApiVersionsMessages.RESPONSE.sizeOf(body(), BODY_VERSION);
    }

    /** Writes the header v0 and the v0 body; the caller writes the frame's size prefix first. */
    public static void write(ByteBuf out, int correlationId) {
        ResponseHeader.write(out, correlationId, HEADER_VERSION);
        ApiVersionsMessages.RESPONSE.write(body(), BODY_VERSION, out);
    }
}
