package dev.millrace.connect.data;

/** A value with its schema, as a converter reads it back; either may be null. */
public record SchemaAndValue(Schema schema, Object value) {
    public static final SchemaAndValue NULL = new SchemaAndValue(null, null);
}
