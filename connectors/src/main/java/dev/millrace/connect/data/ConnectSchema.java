package dev.millrace.connect.data;

import dev.millrace.connect.errors.DataException;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The immutable schema {@link SchemaBuilder#build()} returns; also validates values against a schema. */
public final class ConnectSchema implements Schema {
    private final Type type;
    private final boolean optional;
    private final Object defaultValue;
    private final List<Field> fields;
    private final Map<String, Field> fieldsByName;
    private final Schema keySchema;
    private final Schema valueSchema;
    private final String name;
    private final Integer version;
    private final String doc;
    private final Map<String, String> parameters;
    /** The hash, computed once (0: not yet): converters look schemas up per record and a struct's hash is deep. */
    private int hash;

    public ConnectSchema(Type type, boolean optional, Object defaultValue, String name, Integer version, String doc,
                         Map<String, String> parameters, List<Field> fields, Schema keySchema, Schema valueSchema) {
        this.type = Objects.requireNonNull(type, "type");
        this.optional = optional;
        this.name = name;
        this.version = version;
        this.doc = doc;
        this.parameters = parameters == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (type == Type.STRUCT) {
            this.fields = fields == null ? List.of() : List.copyOf(fields);
            Map<String, Field> byName = new LinkedHashMap<>();
            for (Field f : this.fields) {
                byName.put(f.name(), f);
            }
            this.fieldsByName = Collections.unmodifiableMap(byName);
        } else {
            this.fields = null;
            this.fieldsByName = null;
        }
        this.keySchema = keySchema;
        this.valueSchema = valueSchema;
        this.defaultValue = defaultValue;
        if (defaultValue != null) {
            validateValue(this, defaultValue);
        }
    }

    public ConnectSchema(Type type) {
        this(type, false, null, null, null, null, null, null, null, null);
    }

    @Override public Type type() { return type; }
    @Override public boolean isOptional() { return optional; }
    @Override public Object defaultValue() { return defaultValue; }
    @Override public String name() { return name; }
    @Override public Integer version() { return version; }
    @Override public String doc() { return doc; }
    @Override public Map<String, String> parameters() { return parameters; }
    @Override public Schema schema() { return this; }

    @Override
    public List<Field> fields() {
        if (type != Type.STRUCT) {
            throw new DataException("Cannot list fields on non-struct type " + type);
        }
        return fields;
    }

    @Override
    public Field field(String fieldName) {
        if (type != Type.STRUCT) {
            throw new DataException("Cannot look up fields on non-struct type " + type);
        }
        return fieldsByName.get(fieldName);
    }

    @Override
    public Schema keySchema() {
        if (type != Type.MAP) {
            throw new DataException("Cannot look up key schema on non-map type " + type);
        }
        return keySchema;
    }

    @Override
    public Schema valueSchema() {
        if (type != Type.MAP && type != Type.ARRAY) {
            throw new DataException("Cannot look up value schema on non-array and non-map type " + type);
        }
        return valueSchema;
    }

    /** Throws {@link DataException} unless {@code value} is a valid instance of {@code schema}. */
    public static void validateValue(Schema schema, Object value) {
        validateValue(null, schema, value);
    }

    /** As {@link #validateValue(Schema, Object)}; {@code field} names the struct field in the message. */
    public static void validateValue(String field, Schema schema, Object value) {
        if (value == null) {
            if (!schema.isOptional()) {
                throw new DataException("Invalid null " + where(field) + ": schema is not optional");
            }
            return;
        }
        if (!acceptsClass(schema, value)) {
            throw new DataException("Invalid Java object for schema with type " + schema.type()
                    + (schema.name() == null ? "" : " (" + schema.name() + ")") + ": " + value.getClass().getName()
                    + " for " + where(field));
        }
        switch (schema.type()) {
            case STRUCT -> {
                Struct struct = (Struct) value;
                if (!struct.schema().equals(schema)) {
                    throw new DataException("Struct schemas do not match for " + where(field));
                }
                struct.validate();
            }
            case ARRAY -> {
                for (Object element : (List<?>) value) {
                    validateValue(field, schema.valueSchema(), element);
                }
            }
            case MAP -> {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    validateValue(field, schema.keySchema(), e.getKey());
                    validateValue(field, schema.valueSchema(), e.getValue());
                }
            }
            default -> { }
        }
    }

    /** The message's name for what failed; built only then, validation runs for every value put in a struct. */
    private static String where(String field) {
        return field == null ? "value" : "field \"" + field + "\"";
    }

    private static boolean acceptsClass(Schema schema, Object value) {
        String logical = schema.name();
        if (logical != null) {
            if (Decimal.LOGICAL_NAME.equals(logical)) {
                return value instanceof BigDecimal;
            }
            if (Date.LOGICAL_NAME.equals(logical) || Time.LOGICAL_NAME.equals(logical)
                    || Timestamp.LOGICAL_NAME.equals(logical)) {
                return value instanceof java.util.Date;
            }
        }
        return switch (schema.type()) {
            case INT8 -> value instanceof Byte;
            case INT16 -> value instanceof Short;
            case INT32 -> value instanceof Integer;
            case INT64 -> value instanceof Long;
            case FLOAT32 -> value instanceof Float;
            case FLOAT64 -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case STRING -> value instanceof String;
            case BYTES -> value instanceof byte[] || value instanceof ByteBuffer;
            case ARRAY -> value instanceof List;
            case MAP -> value instanceof Map;
            case STRUCT -> value instanceof Struct;
        };
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectSchema s)) {
            return false;
        }
        return type == s.type && optional == s.optional && Objects.equals(name, s.name)
                && Objects.equals(version, s.version) && Objects.equals(doc, s.doc)
                && Objects.equals(parameters, s.parameters) && defaultEquals(defaultValue, s.defaultValue)
                && Objects.equals(fields, s.fields) && Objects.equals(keySchema, s.keySchema)
                && Objects.equals(valueSchema, s.valueSchema);
    }

    private static boolean defaultEquals(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(type, optional, name, version, doc, parameters, fields, keySchema, valueSchema);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return name != null ? "Schema{" + name + ":" + type + "}" : "Schema{" + type + "}";
    }
}
