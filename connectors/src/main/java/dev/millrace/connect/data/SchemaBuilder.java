package dev.millrace.connect.data;

import dev.millrace.connect.errors.DataException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link Schema} fluently, as Connect's builder: start from a type ({@link #struct()}, {@link #int32()},
 * {@link #array(Schema)}...), add properties and fields, then {@link #build()}. Each property may be set once.
 */
public final class SchemaBuilder implements Schema {
    private final Type type;
    private boolean optional;
    private Object defaultValue;
    private String name;
    private Integer version;
    private String doc;
    private Map<String, String> parameters;
    private final List<Field> fields;
    private final Map<String, Field> fieldsByName;
    private final Schema keySchema;
    private final Schema valueSchema;

    private SchemaBuilder(Type type, Schema keySchema, Schema valueSchema) {
        this.type = type;
        this.keySchema = keySchema;
        this.valueSchema = valueSchema;
        this.fields = type == Type.STRUCT ? new ArrayList<>() : null;
        this.fieldsByName = type == Type.STRUCT ? new LinkedHashMap<>() : null;
    }

    public static SchemaBuilder type(Type type) {
        return switch (type) {
            case ARRAY, MAP -> throw new DataException("Use array(Schema) or map(Schema, Schema) for " + type);
            default -> new SchemaBuilder(type, null, null);
        };
    }

    public static SchemaBuilder int8() { return new SchemaBuilder(Type.INT8, null, null); }
    public static SchemaBuilder int16() { return new SchemaBuilder(Type.INT16, null, null); }
    public static SchemaBuilder int32() { return new SchemaBuilder(Type.INT32, null, null); }
    public static SchemaBuilder int64() { return new SchemaBuilder(Type.INT64, null, null); }
    public static SchemaBuilder float32() { return new SchemaBuilder(Type.FLOAT32, null, null); }
    public static SchemaBuilder float64() { return new SchemaBuilder(Type.FLOAT64, null, null); }
    public static SchemaBuilder bool() { return new SchemaBuilder(Type.BOOLEAN, null, null); }
    public static SchemaBuilder string() { return new SchemaBuilder(Type.STRING, null, null); }
    public static SchemaBuilder bytes() { return new SchemaBuilder(Type.BYTES, null, null); }
    public static SchemaBuilder struct() { return new SchemaBuilder(Type.STRUCT, null, null); }

    public static SchemaBuilder array(Schema valueSchema) {
        return new SchemaBuilder(Type.ARRAY, null, Objects.requireNonNull(valueSchema, "valueSchema"));
    }

    public static SchemaBuilder map(Schema keySchema, Schema valueSchema) {
        return new SchemaBuilder(Type.MAP, Objects.requireNonNull(keySchema, "keySchema"),
                Objects.requireNonNull(valueSchema, "valueSchema"));
    }

    public SchemaBuilder optional() {
        optional = true;
        return this;
    }

    public SchemaBuilder required() {
        optional = false;
        return this;
    }

    public SchemaBuilder name(String name) {
        this.name = setOnce("name", this.name, name);
        return this;
    }

    public SchemaBuilder version(Integer version) {
        this.version = setOnce("version", this.version, version);
        return this;
    }

    public SchemaBuilder doc(String doc) {
        this.doc = setOnce("doc", this.doc, doc);
        return this;
    }

    public SchemaBuilder defaultValue(Object value) {
        Object checked = setOnce("default", this.defaultValue, value);
        ConnectSchema.validateValue(this, checked);
        this.defaultValue = checked;
        return this;
    }

    public SchemaBuilder parameter(String key, String value) {
        if (parameters == null) {
            parameters = new LinkedHashMap<>();
        }
        parameters.put(key, value);
        return this;
    }

    public SchemaBuilder parameters(Map<String, String> params) {
        if (parameters == null) {
            parameters = new LinkedHashMap<>();
        }
        parameters.putAll(params);
        return this;
    }

    public SchemaBuilder field(String fieldName, Schema fieldSchema) {
        if (type != Type.STRUCT) {
            throw new DataException("Cannot create fields on type " + type);
        }
        if (fieldName == null || fieldName.isEmpty()) {
            throw new DataException("Field name cannot be null or empty");
        }
        if (fieldsByName.containsKey(fieldName)) {
            throw new DataException("Cannot create field because of field name duplication " + fieldName);
        }
        Field field = new Field(fieldName, fields.size(), Objects.requireNonNull(fieldSchema, "fieldSchema"));
        fields.add(field);
        fieldsByName.put(fieldName, field);
        return this;
    }

    public Schema build() {
        return new ConnectSchema(type, optional, defaultValue, name, version, doc, parameters,
                fields == null ? null : new ArrayList<>(fields), keySchema, valueSchema);
    }

    @Override public Schema schema() { return build(); }
    @Override public Type type() { return type; }
    @Override public boolean isOptional() { return optional; }
    @Override public Object defaultValue() { return defaultValue; }
    @Override public String name() { return name; }
    @Override public Integer version() { return version; }
    @Override public String doc() { return doc; }
    @Override public Map<String, String> parameters() { return parameters; }

    @Override
    public List<Field> fields() {
        if (type != Type.STRUCT) {
            throw new DataException("Cannot list fields on non-struct type " + type);
        }
        return List.copyOf(fields);
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

    private static <T> T setOnce(String what, T current, T value) {
        if (current != null && !current.equals(value)) {
            throw new DataException("Invalid SchemaBuilder call: " + what + " has already been set");
        }
        return value;
    }
}
