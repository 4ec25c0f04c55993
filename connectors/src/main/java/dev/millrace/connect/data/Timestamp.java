package dev.millrace.connect.data;

import dev.millrace.connect.errors.DataException;

/** An instant as Connect encodes it: INT64 milliseconds since the Unix epoch. */
public final class Timestamp {
    public static final String LOGICAL_NAME = "org.apache.kafka.connect.data.Timestamp";
    public static final Schema SCHEMA = builder().build();

    private Timestamp() {
    }

    public static SchemaBuilder builder() {
        return SchemaBuilder.int64().name(LOGICAL_NAME).version(1);
    }

    public static long fromLogical(Schema schema, java.util.Date value) {
        check(schema);
        return value.getTime();
    }

    public static java.util.Date toLogical(Schema schema, long value) {
        check(schema);
        return new java.util.Date(value);
    }

    private static void check(Schema schema) {
        if (!LOGICAL_NAME.equals(schema.name())) {
            throw new DataException("Requested conversion of Timestamp object but the schema does not match.");
        }
    }
}
