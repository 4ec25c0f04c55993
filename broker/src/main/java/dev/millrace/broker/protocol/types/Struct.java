package dev.millrace.broker.protocol.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The value of a message or nested struct, its fields addressed by Kafka's field names ({@code "Topics"},
 * {@code "PartitionIndex"}, ...) or, on hot paths, by {@link Field} handles resolved once
 * ({@link MessageSchema#field(String)}), which index the storage directly. Storage is laid out by the
 * {@link StructSchema}: numbers and bools unboxed in a {@code long[]}, everything else in an {@code Object[]};
 * a new struct holds every field's default. Setting a field that a version does not have is harmless: writers
 * skip fields outside their version range.
 *
 * <p>Java types: int8 Byte, int16 Short, int32 Integer, int64 Long, uint16 Integer, uint32 Long, float64 Double,
 * bool Boolean, string String, bytes byte[], uuid {@link Uuid}, records {@link Records}, arrays {@code List}
 * (of the element type, or of Struct). Default arrays are immutable empty lists; use {@link #addStruct} or
 * {@link #set} to fill them.
 */
public final class Struct {

    private final StructSchema schema;
    /** Values of the non-primitive fields, each at its {@link Field#slot()}. */
    final Object[] values;
    /** Values of the primitive fields as {@link Type#toBits bits}, each at its {@link Field#slot()}. */
    final long[] numbers;

    Struct(StructSchema schema, Object[] values, long[] numbers) {
        this.schema = schema;
        this.values = values;
        this.numbers = numbers;
    }

    public StructSchema schema() {
        return schema;
    }

    /** Whether the schema declares a field of that name (in any version). */
    public boolean has(String name) {
        return schema.hasField(name);
    }

    /** A field's value, boxed for numbers and bools. */
    public Object get(String name) {
        return valueOf(schema.field(name));
    }

    Object valueOf(Field f) {
        return f.isPrimitive() ? f.type().box(numbers[f.slot()]) : values[f.slot()];
    }

    public byte getByte(String name) {
        return getByte(schema.field(name));
    }

    public short getShort(String name) {
        return getShort(schema.field(name));
    }

    public int getInt(String name) {
        return getInt(schema.field(name));
    }

    public long getLong(String name) {
        return getLong(schema.field(name));
    }

    public double getDouble(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public boolean getBoolean(String name) {
        return getBoolean(schema.field(name));
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
     * Null is refused at once for numbers and bools; for other fields it is accepted here and refused at
     * write time in versions where the field is not nullable.
     */
    public Struct set(String name, Object value) {
        return set(schema.field(name), value);
    }

    /** {@link #set(String, Object)} by handle. */
    public Struct set(Field f, Object value) {
        own(f);
        if (f.isPrimitive()) {
            numbers[f.slot()] = f.coerceBits(value, schema);
        } else {
            values[f.slot()] = f.coerce(value, schema);
        }
        return this;
    }

    // ---- by handle: no name lookup, no boxing ---------------------------------------------------------

    public byte getByte(Field f) {
        return (byte) number(f);
    }

    public short getShort(Field f) {
        return (short) number(f);
    }

    /** An int32 or uint16 field. */
    public int getInt(Field f) {
        return (int) number(f);
    }

    /** An int64 or uint32 field. */
    public long getLong(Field f) {
        return number(f);
    }

    public boolean getBoolean(Field f) {
        return number(f) != 0;
    }

    /** Any non-primitive field (string, bytes, uuid, records, struct, array), as stored. */
    public Object getObject(Field f) {
        own(f);
        if (f.isPrimitive()) {
            throw new IllegalArgumentException("Field " + f.path() + " is " + f.describe() + ": use a typed getter");
        }
        return values[f.slot()];
    }

    public String getString(Field f) {
        return (String) getObject(f);
    }

    public Uuid getUuid(Field f) {
        return (Uuid) getObject(f);
    }

    public Records getRecords(Field f) {
        return (Records) getObject(f);
    }

    @SuppressWarnings("unchecked")
    public List<Struct> getStructArray(Field f) {
        return (List<Struct>) getObject(f);
    }

    /** Sets an integer field of any width (int8 to int64, uint16, uint32), range-checked like {@link #set}. */
    public Struct setLong(Field f, long value) {
        own(f);
        Type t = f.type();
        if (!f.isPrimitive() || t == Type.FLOAT64 || t == Type.BOOL) {
            throw new IllegalArgumentException("Field " + f.path() + " is " + f.describe() + ", not an integer");
        }
        if (t == Type.UINT16 || t == Type.UINT32) {
            return set(f, value); // the range check lives in the type's coercion
        }
        numbers[f.slot()] = switch (t) {
            case INT8 -> (byte) value;
            case INT16 -> (short) value;
            case INT32 -> (int) value;
            default -> value;
        };
        return this;
    }

    /** Sets an int32-or-narrower field; see {@link #setLong}. */
    public Struct setInt(Field f, int value) {
        return setLong(f, value);
    }

    /** Creates an element of the struct array {@code arrayField}, appends it, and returns it. */
    public Struct addStruct(Field arrayField) {
        own(arrayField);
        if (arrayField.kind() != Field.Kind.STRUCT_ARRAY) {
            throw new IllegalArgumentException("Field " + arrayField.path() + " is " + arrayField.describe()
                    + ", not an array of structs");
        }
        Struct element = arrayField.structSchema().newStruct();
        mutableList(arrayField).add(element);
        return element;
    }

    private long number(Field f) {
        own(f);
        if (!f.isPrimitive() || f.type() == Type.FLOAT64) {
            throw new IllegalArgumentException("Field " + f.path() + " is " + f.describe() + ", not an integer or bool");
        }
        return numbers[f.slot()];
    }

    private void own(Field f) {
        if (f.owner() != schema) {
            throw new IllegalArgumentException("Field " + f.path() + " is not a field of " + schema.path());
        }
    }

    /** Creates an element of the struct array {@code arrayField}, appends it, and returns it. */
    public Struct addStruct(String arrayField) {
        return addStruct(structField(arrayField, Field.Kind.STRUCT_ARRAY));
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
        Object current = values[f.slot()];
        if (current instanceof ArrayList<?> list) {
            return (List<Object>) list;
        }
        List<Object> list = current == null ? new ArrayList<>() : new ArrayList<>((List<?>) current);
        values[f.slot()] = list;
        return list;
    }

    /** Deep equality of schema and values (byte arrays by content, lists element-wise). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Struct other && other.schema == schema && Arrays.equals(numbers, other.numbers)
                && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(numbers) + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(schema.name()).append('(');
        List<Field> fields = schema.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = valueOf(fields.get(i));
            sb.append(fields.get(i).name()).append('=').append(v instanceof byte[] b ? Arrays.toString(b) : v);
        }
        return sb.append(')').toString();
    }
}
