package dev.millrace.connect.data;

import dev.millrace.connect.errors.DataException;

/** A time of day as Connect encodes it: INT32 milliseconds since midnight; the Java value is on 1970-01-01 UTC. */
public final class Time {
    public static final String LOGICAL_NAME = "org.apache.kafka.connect.data.Time";
    public static final Schema SCHEMA = builder().build();

    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    private Time() {
    }

    public static SchemaBuilder builder() {
        return SchemaBuilder.int32().name(LOGICAL_NAME).version(1);
    }

    public static int fromLogical(Schema schema, java.util.Date value) {
        check(schema);
        long millis = value.getTime();
        if (millis < 0 || millis >= MILLIS_PER_DAY) {
            throw new DataException("Kafka Connect Time type should not have any date fields set to non-zero values.");
        }
        return (int) millis;
    }

    public static java.util.Date toLogical(Schema schema, int value) {
        check(schema);
        if (value < 0 || value >= MILLIS_PER_DAY) {
            throw new DataException("Time values must use number of milliseconds greater than 0 and less than 86400000");
        }
        return new java.util.Date(value);
    }

    private static void check(Schema schema) {
        if (!LOGICAL_NAME.equals(schema.name())) {
            throw new DataException("Requested conversion of Time object but the schema does not match.");
        }
    }
}
