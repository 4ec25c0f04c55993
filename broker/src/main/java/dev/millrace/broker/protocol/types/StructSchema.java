package dev.millrace.broker.protocol.types;

import dev.millrace.broker.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled layout of a message body or of a nested struct. For each version of the enclosing message it
 * precomputes the regular fields in wire order and the tagged fields by ascending tag, so reading and
 * writing walk plain arrays; field names are looked up (once per access, in a hash map) only by
 * {@link Struct}'s by-name accessors. Numbers and bools are read into and written from the struct's
 * {@code long[]} without boxing.
 */
public final class StructSchema {

    private static final Field[] NO_FIELDS = new Field[0];
    private static final Object[] NO_VALUES = new Object[0];
    private static final long[] NO_NUMBERS = new long[0];

    private final String name;
    private final String path;
    private final Field[] fields;
    private final Map<String, Field> byName;
    private final short lowestVersion;
    private final Field[][] regularByVersion;
    private final Field[][] taggedByVersion;
    private final Object[] defaults;
    private final long[] defaultNumbers;
    /** Fields whose default is a fresh instance per struct (non-null nested structs). */
    private final Field[] freshDefaults;

    StructSchema(String name, String path, List<FieldDecl> decls, Versions messageVersions) {
        this.name = name;
        this.path = path;
        this.fields = new Field[decls.size()];
        this.byName = new HashMap<>(decls.size() * 2);
        int primitives = (int) decls.stream().filter(Field::isPrimitive).count();
        this.defaults = fields.length == primitives ? NO_VALUES : new Object[fields.length - primitives];
        this.defaultNumbers = primitives == 0 ? NO_NUMBERS : new long[primitives];
        List<Field> fresh = new ArrayList<>();
        int nextNumber = 0;
        int nextValue = 0;
        for (int i = 0; i < fields.length; i++) {
            FieldDecl d = decls.get(i);
            String fieldPath = path + "." + d.name;
            StructSchema child = d.children == null ? null
                    : new StructSchema(d.structName, fieldPath, d.children, messageVersions);
            int slot = Field.isPrimitive(d) ? nextNumber++ : nextValue++;
            Field f = new Field(d, fieldPath, i, slot, this, child);
            if (byName.put(d.name, f) != null) {
                throw new IllegalArgumentException("Field declared twice: " + fieldPath);
            }
            fields[i] = f;
            if (f.isPrimitive()) {
                defaultNumbers[slot] = f.defaultBits();
            } else {
                defaults[slot] = f.defaultValue();
                if (f.newDefault() != f.defaultValue()) {
                    fresh.add(f);
                }
            }
        }
        this.freshDefaults = fresh.toArray(NO_FIELDS);
        this.lowestVersion = messageVersions.lowest();
        int count = messageVersions.highest() - messageVersions.lowest() + 1;
        this.regularByVersion = new Field[count][];
        this.taggedByVersion = new Field[count][];
        for (int i = 0; i < count; i++) {
            short v = (short) (lowestVersion + i);
            List<Field> regular = new ArrayList<>();
            List<Field> tagged = new ArrayList<>();
            for (Field f : fields) {
                if (f.taggedVersions().contains(v)) {
                    tagged.add(f);
                } else if (f.versions().contains(v)) {
                    regular.add(f);
                }
            }
            tagged.sort(Comparator.comparingInt(Field::tag));
            for (int t = 1; t < tagged.size(); t++) {
                if (tagged.get(t).tag() == tagged.get(t - 1).tag()) {
                    throw new IllegalArgumentException(path + ": tag " + tagged.get(t).tag() + " used twice in v" + v);
                }
            }
            regularByVersion[i] = regular.toArray(NO_FIELDS);
            taggedByVersion[i] = tagged.toArray(NO_FIELDS);
        }
    }

    /** The struct's type name in Kafka's declarations (e.g. {@code TopicProduceData}), or the message name. */
    public String name() {
        return name;
    }

    /** Where the struct sits in its message, e.g. {@code ProduceRequest.TopicData}. */
    public String path() {
        return path;
    }

    public List<Field> fields() {
        return List.of(fields);
    }

    /** The field called {@code fieldName}; IllegalArgumentException naming the struct if there is none. */
    public Field field(String fieldName) {
        Field f = byName.get(fieldName);
        if (f == null) {
            throw new IllegalArgumentException("No field '" + fieldName + "' in struct " + name + " (" + path + ")");
        }
        return f;
    }

    public boolean hasField(String fieldName) {
        return byName.containsKey(fieldName);
    }

    /**
     * A field handle by path from this struct, e.g. {@code "Topics.Partitions.FetchOffset"}: each name but
     * the last must be a struct or struct-array field. Resolve handles once (in a static final) and pass them
     * to {@link Struct}'s accessors on hot paths.
     */
    public Field fieldAt(String dottedPath) {
        StructSchema at = this;
        int start = 0;
        while (true) {
            int dot = dottedPath.indexOf('.', start);
            Field f = at.field(dot < 0 ? dottedPath.substring(start) : dottedPath.substring(start, dot));
            if (dot < 0) {
                return f;
            }
            if (f.structSchema() == null) {
                throw new IllegalArgumentException(f.path() + " is " + f.describe() + ": no fields under it");
            }
            at = f.structSchema();
            start = dot + 1;
        }
    }

    public Struct newStruct() {
        // empty arrays are shared: a struct of numbers only allocates no Object[], and the reverse
        Object[] values = defaults.length == 0 ? NO_VALUES : defaults.clone();
        for (Field f : freshDefaults) {
            values[f.slot()] = f.newDefault();
        }
        return new Struct(this, values, defaultNumbers.length == 0 ? NO_NUMBERS : defaultNumbers.clone());
    }

    boolean isDefault(Struct s) {
        for (Field f : fields) {
            if (!isDefault(f, s)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDefault(Field f, Struct s) {
        return f.isPrimitive() ? s.numbers[f.slot()] == f.defaultBits() : f.isDefault(s.values[f.slot()]);
    }

    // ---- reading -------------------------------------------------------------------------------------

    Struct read(ByteBuf in, short version, boolean flexible) {
        Struct s = newStruct();
        Object[] values = s.values;
        long[] numbers = s.numbers;
        for (Field f : regularByVersion[version - lowestVersion]) {
            if (f.isPrimitive()) {
                numbers[f.slot()] = f.type().readBits(in);
            } else {
                values[f.slot()] = readValue(f, in, version, flexible);
            }
        }
        if (flexible) {
            readTaggedFields(in, version, s);
        }
        return s;
    }

    private void readTaggedFields(ByteBuf in, short version, Struct s) {
        Field[] tagged = taggedByVersion[version - lowestVersion];
        int count = Varints.readUnsignedVarint(in);
        for (int i = 0; i < count; i++) {
            int tag = Varints.readUnsignedVarint(in);
            int size = Varints.readUnsignedVarint(in);
            if (size < 0 || size > in.readableBytes()) {
                throw new ProtocolException("Tagged field " + tag + " of " + path + " claims " + size
                        + " bytes, " + in.readableBytes() + " left");
            }
            Field f = findTag(tagged, tag);
            if (f == null) {
                in.skipBytes(size); // unknown tags are legal: a newer peer may send them
            } else if (f.isPrimitive()) {
                s.numbers[f.slot()] = f.type().readBits(in.readSlice(size));
            } else {
                s.values[f.slot()] = readValue(f, in.readSlice(size), version, true);
            }
        }
    }

    private static Field findTag(Field[] tagged, int tag) {
        for (Field f : tagged) {
            if (f.tag() == tag) {
                return f;
            }
        }
        return null;
    }

    private static Object readValue(Field f, ByteBuf in, short version, boolean flexible) {
        switch (f.kind()) {
            case VALUE:
                return f.type().read(in, flexible, f.nullableVersions().contains(version), f);
            case ARRAY: {
                int count = readCount(f, in, version, flexible);
                if (count < 0) {
                    return null;
                }
                Type element = f.type();
                List<Object> list = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    list.add(element.read(in, flexible, false, f));
                }
                return list;
            }
            case STRUCT_ARRAY: {
                int count = readCount(f, in, version, flexible);
                if (count < 0) {
                    return null;
                }
                StructSchema element = f.structSchema();
                List<Struct> list = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    list.add(element.read(in, version, flexible));
                }
                return list;
            }
            default: {
                if (f.nullableVersions().contains(version) && in.readByte() < 0) {
                    return null;
                }
                return f.structSchema().read(in, version, flexible);
            }
        }
    }

    private static int readCount(Field f, ByteBuf in, short version, boolean flexible) {
        int count = flexible ? Varints.readUnsignedVarint(in) - 1 : in.readInt();
        if (count < 0) {
            Type.checkNull(count, f.nullableVersions().contains(version), f);
            return -1;
        }
        // every element takes at least one byte: refuse a count the buffer cannot hold before allocating
        if (count > in.readableBytes()) {
            throw new ProtocolException("Array " + f.path() + " claims " + count + " elements, "
                    + in.readableBytes() + " bytes left");
        }
        return count;
    }

    // ---- writing -------------------------------------------------------------------------------------

    void write(Struct s, short version, boolean flexible, MessageOutput out) {
        Object[] values = s.values;
        long[] numbers = s.numbers;
        for (Field f : regularByVersion[version - lowestVersion]) {
            if (f.isPrimitive()) {
                f.type().writeBits(out.current(), numbers[f.slot()]);
            } else {
                writeValue(f, values[f.slot()], version, flexible, out);
            }
        }
        if (flexible) {
            Field[] tagged = taggedByVersion[version - lowestVersion];
            int count = 0;
            for (Field f : tagged) {
                if (!isDefault(f, s)) {
                    count++;
                }
            }
            Varints.writeUnsignedVarint(out.current(), count);
            for (Field f : tagged) {
                if (isDefault(f, s)) {
                    continue;
                }
                ByteBuf buf = out.current();
                Varints.writeUnsignedVarint(buf, f.tag());
                if (f.isPrimitive()) {
                    Varints.writeUnsignedVarint(buf, f.type().primitiveSize());
                    f.type().writeBits(buf, numbers[f.slot()]);
                } else {
                    Object v = values[f.slot()];
                    Varints.writeUnsignedVarint(buf, sizeOfValue(f, v, version, true));
                    writeValue(f, v, version, true, out);
                }
            }
        }
    }

    private static void checkNullable(Field f, Object v, short version) {
        if (v == null && !f.nullableVersions().contains(version)) {
            throw new IllegalStateException("Field " + f.path() + " is null, but it is not nullable in version "
                    + version);
        }
    }

    private static void writeValue(Field f, Object v, short version, boolean flexible, MessageOutput out) {
        checkNullable(f, v, version);
        switch (f.kind()) {
            case VALUE:
                if (f.type() == Type.RECORDS) {
                    out.writeRecords((Records) v, flexible);
                } else {
                    f.type().write(out.current(), v, flexible);
                }
                return;
            case ARRAY: {
                ByteBuf buf = out.current();
                if (v == null) {
                    writeCount(buf, -1, flexible);
                    return;
                }
                List<?> list = (List<?>) v;
                writeCount(buf, list.size(), flexible);
                Type element = f.type();
                for (int i = 0, n = list.size(); i < n; i++) { // indexed: no iterator per array
                    Object e = list.get(i);
                    if (e == null) {
                        throw new IllegalStateException("Array " + f.path() + " holds a null element");
                    }
                    element.write(buf, e, flexible);
                }
                return;
            }
            case STRUCT_ARRAY: {
                if (v == null) {
                    writeCount(out.current(), -1, flexible);
                    return;
                }
                List<?> list = (List<?>) v;
                writeCount(out.current(), list.size(), flexible);
                StructSchema element = f.structSchema();
                for (int i = 0, n = list.size(); i < n; i++) { // indexed: no iterator per array
                    Object e = list.get(i);
                    element.write(element.checkOwn(e, f), version, flexible, out);
                }
                return;
            }
            default: {
                if (f.nullableVersions().contains(version)) {
                    out.current().writeByte(v == null ? -1 : 1);
                    if (v == null) {
                        return;
                    }
                }
                f.structSchema().write(f.structSchema().checkOwn(v, f), version, flexible, out);
            }
        }
    }

    private Struct checkOwn(Object value, Field f) {
        if (!(value instanceof Struct s) || s.schema() != this) {
            throw new IllegalStateException("Field " + f.path() + " holds "
                    + (value == null ? "null" : value instanceof Struct s2 ? "a " + s2.schema().path() : value.getClass().getSimpleName())
                    + " instead of a " + name);
        }
        return s;
    }

    private static void writeCount(ByteBuf out, int count, boolean flexible) {
        if (flexible) {
            Varints.writeUnsignedVarint(out, count + 1);
        } else {
            out.writeInt(count);
        }
    }

    // ---- sizing --------------------------------------------------------------------------------------

    int size(Struct s, short version, boolean flexible) {
        Object[] values = s.values;
        int size = 0;
        for (Field f : regularByVersion[version - lowestVersion]) {
            size += f.isPrimitive() ? f.type().primitiveSize() : sizeOfValue(f, values[f.slot()], version, flexible);
        }
        if (flexible) {
            int count = 0;
            for (Field f : taggedByVersion[version - lowestVersion]) {
                if (!isDefault(f, s)) {
                    count++;
                    int valueSize = f.isPrimitive() ? f.type().primitiveSize()
                            : sizeOfValue(f, values[f.slot()], version, true);
                    size += Varints.sizeOfUnsignedVarint(f.tag()) + Varints.sizeOfUnsignedVarint(valueSize) + valueSize;
                }
            }
            size += Varints.sizeOfUnsignedVarint(count);
        }
        return size;
    }

    private static int sizeOfValue(Field f, Object v, short version, boolean flexible) {
        checkNullable(f, v, version);
        switch (f.kind()) {
            case VALUE:
                return f.type().size(v, flexible);
            case ARRAY: {
                if (v == null) {
                    return countSize(-1, flexible);
                }
                List<?> list = (List<?>) v;
                int size = countSize(list.size(), flexible);
                Type element = f.type();
                for (int i = 0, n = list.size(); i < n; i++) { // indexed: no iterator per array
                    Object e = list.get(i);
                    size += element.size(e, flexible);
                }
                return size;
            }
            case STRUCT_ARRAY: {
                if (v == null) {
                    return countSize(-1, flexible);
                }
                List<?> list = (List<?>) v;
                int size = countSize(list.size(), flexible);
                StructSchema element = f.structSchema();
                for (int i = 0, n = list.size(); i < n; i++) { // indexed: no iterator per array
                    Object e = list.get(i);
                    size += element.size(element.checkOwn(e, f), version, flexible);
                }
                return size;
            }
            default: {
                int marker = f.nullableVersions().contains(version) ? 1 : 0;
                return v == null ? marker : marker + f.structSchema().size((Struct) v, version, flexible);
            }
        }
    }

    private static int countSize(int count, boolean flexible) {
        return flexible ? Varints.sizeOfUnsignedVarint(count + 1) : 4;
    }

    @Override
    public String toString() {
        return path + Arrays.toString(fields);
    }
}
