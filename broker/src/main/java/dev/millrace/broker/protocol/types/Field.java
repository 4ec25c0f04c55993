package dev.millrace.broker.protocol.types;

import java.util.Arrays;
import java.util.List;

/**
 * A compiled field of a {@link StructSchema}: where its value lives in a {@link Struct} ({@link #slot()}),
 * in which versions it exists, is nullable or tagged, and its default. Immutable.
 */
public final class Field {

    /** What a field holds: one primitive, an array of primitives, an array of structs, or one struct. */
    public enum Kind { VALUE, ARRAY, STRUCT_ARRAY, STRUCT }

    private final String name;
    private final String path;
    private final Kind kind;
    private final Type type;
    private final StructSchema struct;
    private final Versions versions;
    private final Versions nullableVersions;
    private final Versions taggedVersions;
    private final int tag;
    private final int index;
    private final int slot;
    private final StructSchema owner;
    private final boolean primitive;
    private final Object defaultValue;
    /** The default as {@link Type#toBits bits}, for primitive fields (stored unboxed in a Struct). */
    private final long defaultBits;
    /** True when each new Struct needs its own default instance (a non-null nested struct). */
    private final boolean freshDefault;

    Field(FieldDecl d, String path, int index, int slot, StructSchema owner, StructSchema struct) {
        this.name = d.name;
        this.path = path;
        this.kind = d.kind;
        this.type = d.type;
        this.struct = struct;
        this.versions = d.versions;
        this.nullableVersions = d.nullableVersions;
        this.taggedVersions = d.taggedVersions;
        this.tag = d.tag;
        this.index = index;
        this.slot = slot;
        this.owner = owner;
        validate(d);
        this.primitive = isPrimitive(d);
        this.freshDefault = kind == Kind.STRUCT && !(d.hasDefault && d.defaultValue == null);
        this.defaultValue = computeDefault(d);
        this.defaultBits = primitive ? type.toBits(defaultValue) : 0;
    }

    private void validate(FieldDecl d) {
        if (kind == Kind.VALUE && !nullableVersions.isEmpty()
                && type != Type.STRING && type != Type.BYTES && type != Type.RECORDS) {
            throw new IllegalArgumentException(path + ": " + type.kafkaName() + " cannot be nullable");
        }
        if (d.hasDefault && d.defaultValue == null && nullableVersions.isEmpty()) {
            throw new IllegalArgumentException(path + ": a null default needs nullableVersions");
        }
        if (!taggedVersions.isEmpty()) {
            if (tag < 0) {
                throw new IllegalArgumentException(path + ": tagged field without a tag");
            }
            if (taggedVersions.lowest() < versions.lowest() || taggedVersions.highest() > versions.highest()) {
                throw new IllegalArgumentException(path + ": taggedVersions outside versions");
            }
        }
    }

    private Object computeDefault(FieldDecl d) {
        if (d.hasDefault && d.defaultValue == null) {
            return null;
        }
        switch (kind) {
            case ARRAY:
            case STRUCT_ARRAY:
                return List.of();
            case STRUCT:
                return null; // a fresh struct is made per instance, see newDefault()
            default:
                break;
        }
        if (!d.hasDefault) {
            return type.zero();
        }
        Object v = d.defaultValue;
        try {
            if (type.isNumeric() && v instanceof String s) {
                v = type == Type.FLOAT64 ? (Object) Double.parseDouble(s) : (Object) Long.decode(s);
            } else if (type == Type.BOOL && v instanceof String s) {
                v = Boolean.parseBoolean(s);
            }
            return type.coerce(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path + ": bad default " + d.defaultValue, e);
        }
    }

    public String name() {
        return name;
    }

    /** Message-qualified name for error messages, e.g. {@code ProduceRequest.TopicData.Name}. */
    public String path() {
        return path;
    }

    public Kind kind() {
        return kind;
    }

    /** The primitive type (of the value, or of the elements of a primitive array); null for struct kinds. */
    public Type type() {
        return type;
    }

    /** The schema of the nested struct or of the array's elements; null for primitive kinds. */
    public StructSchema structSchema() {
        return struct;
    }

    public Versions versions() {
        return versions;
    }

    public Versions nullableVersions() {
        return nullableVersions;
    }

    public Versions taggedVersions() {
        return taggedVersions;
    }

    public int tag() {
        return tag;
    }

    /** The field's position in its struct's declaration. */
    public int index() {
        return index;
    }

    /**
     * Where the value lives in a {@link Struct}: the index in its {@code long[]} for a
     * {@linkplain #isPrimitive() primitive} field, else in its {@code Object[]}.
     */
    int slot() {
        return slot;
    }

    /** Whether a declaration makes a primitive field: a single number or bool (see {@link #isPrimitive()}). */
    static boolean isPrimitive(FieldDecl d) {
        return d.kind == Kind.VALUE && d.type.isPrimitive();
    }

    /** The struct schema this field belongs to. */
    public StructSchema owner() {
        return owner;
    }

    /**
     * A number or bool: its value is kept unboxed in the struct and read and written without allocation
     * (see {@link Struct#getInt(Field)} and the other typed accessors).
     */
    public boolean isPrimitive() {
        return primitive;
    }

    long defaultBits() {
        return defaultBits;
    }

    /** The default value (the shared instance; a nested struct's default is made fresh per struct). */
    Object defaultValue() {
        return defaultValue;
    }

    Object newDefault() {
        return freshDefault ? struct.newStruct() : defaultValue;
    }

    boolean isDefault(Object value) {
        if (value == defaultValue) {
            return !freshDefault;
        }
        if (value == null) {
            return false;
        }
        switch (kind) {
            case ARRAY:
            case STRUCT_ARRAY:
                return defaultValue != null && ((List<?>) value).isEmpty();
            case STRUCT:
                return freshDefault && struct.isDefault((Struct) value);
            default:
                if (value instanceof byte[] b) {
                    return defaultValue instanceof byte[] db && Arrays.equals(b, db);
                }
                return value.equals(defaultValue);
        }
    }

    /** The bits {@link Struct#set} stores for a primitive field; refuses null and values out of range. */
    long coerceBits(Object value, StructSchema owner) {
        if (value == null) {
            throw new IllegalArgumentException("Field " + name + " of struct " + owner.name() + " is "
                    + describe() + "; it cannot be null");
        }
        try {
            return type.bitsOf(value);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("Field " + name + " of struct " + owner.name() + " is "
                    + describe() + "; cannot take a " + value.getClass().getSimpleName(), e);
        }
    }

    /** Converts a value given to {@link Struct#set} to the stored Java type. */
    Object coerce(Object value, StructSchema owner) {
        if (value == null) {
            return null;
        }
        try {
            switch (kind) {
                case VALUE:
                    if (type.isNumeric() && !(value instanceof Number)) {
                        throw new ClassCastException();
                    }
                    return type.coerce(value);
                case ARRAY:
                case STRUCT_ARRAY:
                    return (List<?>) value;
                default:
                    Struct s = (Struct) value;
                    if (s.schema() != struct) {
                        throw new ClassCastException();
                    }
                    return s;
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("Field " + name + " of struct " + owner.name() + " is "
                    + describe() + "; cannot take a " + value.getClass().getSimpleName(), e);
        }
    }

    /** Kafka's spelling of the field's type, e.g. {@code []int32} or {@code []TopicProduceData}. */
    public String describe() {
        switch (kind) {
            case VALUE:
                return type.kafkaName();
            case ARRAY:
                return "[]" + type.kafkaName();
            case STRUCT_ARRAY:
                return "[]" + struct.name();
            default:
                return struct.name();
        }
    }

    @Override
    public String toString() {
        return path + ":" + describe() + " v" + versions;
    }
}
