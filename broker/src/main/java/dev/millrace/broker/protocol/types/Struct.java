package dev.millrace.broker.protocol.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The value of a message or nested struct, its fields addressed by Kafka's field names ({@code "Topics"},
 * {@code "PartitionIndex"}, ...). Storage is one {@code Object[]} laid out by the {@link StructSchema}; a new
 * struct holds every field's default. Setting a field that a version does not have is harmless: writers skip
 * fields outside their version range.
 *
 * <p>Java types: int8 Byte, int16 Short, int32 Integer, int64 Long, uint16 Integer, uint32 Long, float64 Double,
 * bool Boolean, string String, bytes byte[], uuid {@link Uuid}, records {@link Records}, arrays {@code List}
 * (of the element type, or of Struct). Default arrays are immutable empty lists; use {@link #addStruct} or
 * {@link #set} to fill them.
 */
public final class Struct {

    private final StructSchema schema;
    final Object[] values;

    Struct(StructSchema schema, Object[] values) {
        this.schema = schema;
        this.values = values;
    }

    public StructSchema schema() {
        return schema;
    }

    /** Whether the schema declares a field of that name (in any version). */
    public boolean has(String name) {
        return schema.hasField(name);
    }

    public Object get(String name) {
        return values[schema.field(name).index()];
    }

    public byte getByte(String name) {
        return ((Number) get(name)).byteValue();
    }

    public short getShort(String name) {
        return ((Number) get(name)).shortValue();
    }

    public int getInt(String name) {
        return ((Number) get(name)).intValue();
    }

    public long getLong(String name) {
        return ((Number) get(name)).longValue();
    }

    public double getDouble(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    public String getString(String name) {
        return (String) get(name);
    }

    public byte[] getBytes(String name) {
        return (byte[]) get(name);
    }

    public Uuid getUuid(String name) {
        return (Uuid) get(name);
    }

    public Records getRecords(String name) {
        return (Records) get(name);
    }

    /** A nested (non-array) struct field. */
    public Struct getStruct(String name) {
        return (Struct) get(name);
    }

    @SuppressWarnings("unchecked")
    public List<Struct> getStructArray(String name) {
        return (List<Struct>) get(name);
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> getArray(String name) {
        return (List<T>) get(name);
    }

    /**
     * Sets a field; numbers are converted to the field's type (any Number is accepted for numeric fields).
     * Null is accepted here and refused at write time in versions where the field is not nullable.
     */
    public Struct set(String name, Object value) {
        Field f = schema.field(name);
        values[f.index()] = f.coerce(value, schema);
        return this;
    }

    /** Creates an element of the struct array {@code arrayField}, appends it, and returns it. */
    public Struct addStruct(String arrayField) {
        Field f = structField(arrayField, Field.Kind.STRUCT_ARRAY);
        Struct element = f.structSchema().newStruct();
        mutableList(f).add(element);
        return element;
    }

    /** A new struct of the element (or nested) schema of {@code field}, not attached to this struct. */
    public Struct newStruct(String field) {
        Field f = schema.field(field);
        if (f.structSchema() == null) {
            throw new IllegalArgumentException("Field " + field + " of struct " + schema.name() + " is "
                    + f.describe() + ", not a struct");
        }
        return f.structSchema().newStruct();
    }

    private Field structField(String name, Field.Kind kind) {
        Field f = schema.field(name);
        if (f.kind() != kind) {
            throw new IllegalArgumentException("Field " + name + " of struct " + schema.name() + " is "
                    + f.describe() + ", not an array of structs");
        }
        return f;
    }

    @SuppressWarnings("unchecked")
    private List<Object> mutableList(Field f) {
        Object current = values[f.index()];
        if (current instanceof ArrayList<?> list) {
            return (List<Object>) list;
        }
        List<Object> list = current == null ? new ArrayList<>() : new ArrayList<>((List<?>) current);
        values[f.index()] = list;
        return list;
    }

    /** Deep equality of schema and values (byte arrays by content, lists element-wise). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Struct other && other.schema == schema && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(schema.name()).append('(');
        List<Field> fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = values[i];
            sb.append(fields.get(i).name()).append('=').append(v instanceof byte[] b ? Arrays.toString(b) : v);
        }
        return sb.append(')').toString();
    }
}
