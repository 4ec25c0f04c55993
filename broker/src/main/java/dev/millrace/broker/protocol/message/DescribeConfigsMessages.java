package dev.millrace.broker.protocol.message;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.arrayOf;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.*;

import dev.millrace.broker.protocol.types.MessageSchema;

/**
 * DescribeConfigs (key 32): topic and broker configuration with sources and synonyms. Declared 0-4; v0 (dropped
 * by Kafka 4.0, KIP-896) has no IncludeSynonyms and reports IsDefault instead of ConfigSource and Synonyms.
 */
public final class DescribeConfigsMessages {

    public static final MessageSchema REQUEST = message("DescribeConfigsRequest", "0-4", "4+",
            array("Resources", "DescribeConfigsResource", "0+",
                field("ResourceType", INT8, "0+"),
                field("ResourceName", STRING, "0+"),
                arrayOf("ConfigurationKeys", STRING, "0+").nullable("0+")),
            field("IncludeSynonyms", BOOL, "1+"),
            field("IncludeDocumentation", BOOL, "3+"));

    public static final MessageSchema RESPONSE = message("DescribeConfigsResponse", "0-4", "4+",
            field("ThrottleTimeMs", INT32, "0+"),
            array("Results", "DescribeConfigsResult", "0+",
                field("ErrorCode", INT16, "0+"),
                field("ErrorMessage", STRING, "0+").nullable("0+"),
                field("ResourceType", INT8, "0+"),
                field("ResourceName", STRING, "0+"),
                array("Configs", "DescribeConfigsResourceResult", "0+",
                    field("Name", STRING, "0+"),
                    field("Value", STRING, "0+").nullable("0+"),
                    field("ReadOnly", BOOL, "0+"),
                    field("IsDefault", BOOL, "0"),
                    field("ConfigSource", INT8, "1+").defaultValue(-1),
                    field("IsSensitive", BOOL, "0+"),
                    array("Synonyms", "DescribeConfigsSynonym", "1+",
                        field("Name", STRING, "1+"),
                        field("Value", STRING, "1+").nullable("0+"),
                        field("Source", INT8, "1+")),
                    field("ConfigType", INT8, "3+"),
                    field("Documentation", STRING, "3+").nullable("0+"))));

    private DescribeConfigsMessages() {
    }
}
