package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * ApiVersions (key 18): the first request on every connection; the response lists the APIs and version ranges
 * we implement. The response header is always v0 (see {@code ApiKey#responseHeaderVersion}); v5 adds
 * ClusterId/NodeId checks (KIP-1242) and is declared but not advertised.
 */
public final class ApiVersionsMessages {

    public static final MessageSchema REQUEST = message("ApiVersionsRequest", "0-5", "3+",
            field("ClientSoftwareName", STRING, "3+"),
            field("ClientSoftwareVersion", STRING, "3+"),
            field("ClusterId", STRING, "5+").nullable("5+").defaultNull(),
            field("NodeId", INT32, "5+").defaultValue(-1));

    public static final MessageSchema RESPONSE = message("ApiVersionsResponse", "0-5", "3+",
            field("ErrorCode", INT16, "0+"),
            array("ApiKeys", "ApiVersion", "0+",
                field("ApiKey", INT16, "0+"),
                field("MinVersion", INT16, "0+"),
                field("MaxVersion", INT16, "0+")),
            field("ThrottleTimeMs", INT32, "1+"),
            array("SupportedFeatures", "SupportedFeatureKey", "3+",
                field("Name", STRING, "3+"),
                field("MinVersion", INT16, "3+"),
                field("MaxVersion", INT16, "3+")).tagged(0, "3+"),
            field("FinalizedFeaturesEpoch", INT64, "3+").tagged(1, "3+").defaultValue(-1),
            array("FinalizedFeatures", "FinalizedFeatureKey", "3+",
                field("Name", STRING, "3+"),
                field("MaxVersionLevel", INT16, "3+"),
                field("MinVersionLevel", INT16, "3+")).tagged(2, "3+"),
            field("ZkMigrationReady", BOOL, "3+").tagged(3, "3+"));

    private ApiVersionsMessages() {
    }
}
