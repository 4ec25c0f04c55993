package dev.millrace.broker.handler;

import dev.millrace.broker.protocol.ApiKey;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.concurrent.CompletableFuture;

/**
 * ApiVersions: lists every API this broker serves with its advertised version range. Clients send it
 * first on every connection. Versions we cannot parse never reach here (see the network dispatcher).
 */
final class ApiVersionsHandler implements RequestHandler {

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        Struct response = context.api().response().newStruct();
        if (context.version() >= 3 && !(validSoftwareField(request.getString("ClientSoftwareName"))
                && validSoftwareField(request.getString("ClientSoftwareVersion")))) {
            response.set("ErrorCode", Errors.INVALID_REQUEST.code());
            return CompletableFuture.completedFuture(response);
        }
        response.set("ErrorCode", Errors.NONE.code()).set("ThrottleTimeMs", 0);
        for (ApiKey api : ApiKey.values()) {
            response.addStruct("ApiKeys")
                    .set("ApiKey", api.id())
                    .set("MinVersion", api.minVersion())
                    .set("MaxVersion", api.maxVersion());
        }
        return CompletableFuture.completedFuture(response);
    }

    /** Kafka's rule: letters, digits, '-' and '.', starting and ending with a letter or digit. */
    static boolean validSoftwareField(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = Character.isLetterOrDigit(c) && c < 128;
            boolean edge = i == 0 || i == s.length() - 1;
            if (!(alnum || (!edge && (c == '-' || c == '.')))) {
                return false;
            }
        }
        return true;
    }
}
