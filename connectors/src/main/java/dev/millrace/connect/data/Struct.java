package dev.millrace.connect.data;

import dev.millrace.connect.errors.DataException;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A value of a STRUCT schema: one slot per field, checked against the field's schema on {@link #put}. */
public final class Struct {
    private final Schema schema;
    private final Object[] values;

    public Struct(Schema schema) {
        if (schema.type() != Schema.Type.STRUCT) {
            throw new DataException("Not a struct schema: " + schema);
        }
        this.schema = schema;
        this.values = new Object[schema.fields().size()];
    }

    public Schema schema() {
        return schema;
    }

    /** Sets a field (validated against its schema) and returns this struct, for chaining. */
    public Struct put(String fieldName, Object value) {
        Field field = lookupField(fieldName);
        ConnectSchema.validateValue(field.name(), field.schema(), value);
        values[field.index()] = value;
        return this;
    }

    /** As {@link #put(String, Object)}; a field object taken from this struct's schema costs no name lookup. */
    public Struct put(Field field, Object value) {
        int index = field.index();
        List<Field> fields = schema.fields();
        boolean ours = index >= 0 && index < fields.size() && fields.get(index) == field;
        if (!ours && !field.equals(schema.field(field.name()))) {
            throw new DataException("Field " + field.name() + " is not part of this struct's schema");
        }
        ConnectSchema.validateValue(field.name(), field.schema(), value);
        values[field.index()] = value;
        return this;
    }

    /** The field's value, or its schema's default when unset. */
    public Object get(String fieldName) {
        return get(lookupField(fieldName));
    }

    public Object get(Field field) {
        Object value = values[field.index()];
        return value == null ? field.schema().defaultValue() : value;
    }

    /** The value as set, without falling back to the default. */
    public Object getWithoutDefault(String fieldName) {
        return values[lookupField(fieldName).index()];
    }

    public Byte getInt8(String fieldName) { return (Byte) typed(fieldName, Schema.Type.INT8); }
    public Short getInt16(String fieldName) { return (Short) typed(fieldName, Schema.Type.INT16); }
    public Integer getInt32(String fieldName) { return (Integer) typed(fieldName, Schema.Type.INT32); }
    public Long getInt64(String fieldName) { return (Long) typed(fieldName, Schema.Type.INT64); }
    public Float getFloat32(String fieldName) { return (Float) typed(fieldName, Schema.Type.FLOAT32); }
    public Double getFloat64(String fieldName) { return (Double) typed(fieldName, Schema.Type.FLOAT64); }
    public Boolean getBoolean(String fieldName) { return (Boolean) typed(fieldName, Schema.Type.BOOLEAN); }
    public String getString(String fieldName) { return (String) typed(fieldName, Schema.Type.STRING); }
    public Struct getStruct(String fieldName) { return (Struct) typed(fieldName, Schema.Type.STRUCT); }

    public byte[] getBytes(String fieldName) {
        Object v = typed(fieldName, Schema.Type.BYTES);
        if (v instanceof ByteBuffer buffer) {
            byte[] out = new byte[buffer.remaining()];
            buffer.duplicate().get(out);
            return out;
        }
        return (byte[]) v;
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> getArray(String fieldName) { return (List<T>) typed(fieldName, Schema.Type.ARRAY); }

    @SuppressWarnings("unchecked")
    public <K, V> Map<K, V> getMap(String fieldName) { return (Map<K, V>) typed(fieldName, Schema.Type.MAP); }

    /** Throws {@link DataException} if a required field without default is unset or a value does not fit. */
    public void validate() {
        for (Field field : schema.fields()) {
            Object value = values[field.index()];
            if (value == null && field.schema().defaultValue() != null) {
                continue;
            }
            if (value != null && isImmutableScalar(value)) {
                continue; // validated by put, and cannot have changed since: checking it again cannot fail
            }
            ConnectSchema.validateValue(field.name(), field.schema(), value);
        }
    }

    /** Values {@link #put} validated once for all: immutable, with nothing inside them to check. */
    private static boolean isImmutableScalar(Object value) {
        return value instanceof String || value instanceof Long || value instanceof Integer || value instanceof Boolean
                || value instanceof Short || value instanceof Byte || value instanceof Double || value instanceof Float
                || value instanceof BigDecimal;
    }

    private Object typed(String fieldName, Schema.Type type) {
        Field field = lookupField(fieldName);
        if (field.schema().type() != type) {
            throw new DataException("Field \"" + fieldName + "\" is of type " + field.schema().type() + ", not " + type);
        }
        return get(field);
    }

    private Field lookupField(String fieldName) {
        Field field = schema.field(fieldName);
        if (field == null) {
            throw new DataException(fieldName + " is not a valid field name");
        }
        return field;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Struct other) || !schema.equals(other.schema)) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!Objects.deepEquals(normalise(values[i]), normalise(other.values[i]))) {
                return false;
            }
        }
        return true;
    }

    private static Object normalise(Object v) {
        if (v instanceof ByteBuffer buffer) {
            byte[] out = new byte[buffer.remaining()];
            buffer.duplicate().get(out);
            return out;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        return v;
    }

    @Override
    public int hashCode() {
        int h = schema.hashCode();
        for (Object v : values) {
            Object n = normalise(v);
            h = 31 * h + (n instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(n));
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Struct{");
        boolean first = true;
        for (Field field : schema.fields()) {
            Object v = values[field.index()];
            if (v == null) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(field.name()).append('=').append(v instanceof byte[] b ? Arrays.toString(b) : v);
        }
        return sb.append('}').toString();
    }
}
