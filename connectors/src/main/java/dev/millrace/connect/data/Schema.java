package dev.millrace.connect.data;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of a value: a type, whether it may be null, an optional name (logical types are named schemas),
 * version, doc and parameters, and the fields of a struct or the element schemas of an array or map.
 */
public interface Schema {

    /** The physical types; {@link #getName()} is the name Connect's JSON schemas use. */
    enum Type {
        INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES, ARRAY, MAP, STRUCT;

        private final String name = name().toLowerCase(Locale.ROOT);

        public String getName() {
            return name;
        }

        public boolean isPrimitive() {
            return this != ARRAY && this != MAP && this != STRUCT;
        }
    }

    Schema INT8_SCHEMA = SchemaBuilder.int8().build();
    Schema INT16_SCHEMA = SchemaBuilder.int16().build();
    Schema INT32_SCHEMA = SchemaBuilder.int32().build();
    Schema INT64_SCHEMA = SchemaBuilder.int64().build();
    Schema FLOAT32_SCHEMA = SchemaBuilder.float32().build();
    Schema FLOAT64_SCHEMA = SchemaBuilder.float64().build();
    Schema BOOLEAN_SCHEMA = SchemaBuilder.bool().build();
    Schema STRING_SCHEMA = SchemaBuilder.string().build();
    Schema BYTES_SCHEMA = SchemaBuilder.bytes().build();

    Schema OPTIONAL_INT8_SCHEMA = SchemaBuilder.int8().optional().build();
    Schema OPTIONAL_INT16_SCHEMA = SchemaBuilder.int16().optional().build();
    Schema OPTIONAL_INT32_SCHEMA = SchemaBuilder.int32().optional().build();
    Schema OPTIONAL_INT64_SCHEMA = SchemaBuilder.int64().optional().build();
    Schema OPTIONAL_FLOAT32_SCHEMA = SchemaBuilder.float32().optional().build();
    Schema OPTIONAL_FLOAT64_SCHEMA = SchemaBuilder.float64().optional().build();
    Schema OPTIONAL_BOOLEAN_SCHEMA = SchemaBuilder.bool().optional().build();
    Schema OPTIONAL_STRING_SCHEMA = SchemaBuilder.string().optional().build();
    Schema OPTIONAL_BYTES_SCHEMA = SchemaBuilder.bytes().optional().build();

    Type type();

    boolean isOptional();

    Object defaultValue();

    String name();

    Integer version();

    String doc();

    Map<String, String> parameters();

    /** The fields of a STRUCT schema, in order; throws {@code DataException} for other types. */
    List<Field> fields();

    /** The named field of a STRUCT schema, or null; throws {@code DataException} for other types. */
    Field field(String fieldName);

    /** The key schema of a MAP schema; throws {@code DataException} for other types. */
    Schema keySchema();

    /** The element schema of an ARRAY, the value schema of a MAP; throws {@code DataException} for other types. */
    Schema valueSchema();

    /** This schema itself once built (a {@link SchemaBuilder} returns its built form). */
    Schema schema();
}
