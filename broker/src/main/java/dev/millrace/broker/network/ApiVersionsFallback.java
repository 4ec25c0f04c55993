package dev.millrace.broker.network;

import dev.millrace.broker.protocol.ApiKey;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;

/**
 * The answer to an ApiVersions request newer than we speak: a v0 body with UNSUPPORTED_VERSION listing only
 * ApiVersions itself, so the client retries with the highest version we list (Kafka does the same).
 */
final class ApiVersionsFallback {
    private ApiVersionsFallback() {
    }

    static Struct response() {
        Struct body = ApiKey.API_VERSIONS.response().newStruct();
        body.set("ErrorCode", Errors.UNSUPPORTED_VERSION.code());
        body.addStruct("ApiKeys")
                .set("ApiKey", ApiKey.API_VERSIONS.id())
                .set("MinVersion", ApiKey.API_VERSIONS.minVersion())
                .set("MaxVersion", ApiKey.API_VERSIONS.maxVersion());
        return body;
    }
}
