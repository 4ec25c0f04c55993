package dev.millrace.connect.data;

import dev.millrace.connect.errors.DataException;

/** A calendar date as Connect encodes it: INT32 days since the Unix epoch; the Java value is a UTC midnight. */
public final class Date {
    public static final String LOGICAL_NAME = "org.apache.kafka.connect.data.Date";
    public static final Schema SCHEMA = builder().build();

    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    private Date() {
    }

    public static SchemaBuilder builder() {
        return SchemaBuilder.int32().name(LOGICAL_NAME).version(1);
    }

    public static int fromLogical(Schema schema, java.util.Date value) {
        check(schema);
        long millis = value.getTime();
        if (Math.floorMod(millis, MILLIS_PER_DAY) != 0) {
            throw new DataException("Kafka Connect Date type should not have any time fields set to non-zero values.");
        }
        return (int) Math.floorDiv(millis, MILLIS_PER_DAY);
    }

    public static java.util.Date toLogical(Schema schema, int value) {
        check(schema);
        return new java.util.Date(value * MILLIS_PER_DAY);
    }

    private static void check(Schema schema) {
        if (!LOGICAL_NAME.equals(schema.name())) {
            throw new DataException("Requested conversion of Date object but the schema does not match.");
        }
    }
}
