package dev.millrace.connect.data;

import java.util.Objects;

/** One field of a struct schema: its name, its position and its schema. */
public final class Field {
    private final String name;
    private final int index;
    private final Schema schema;

    public Field(String name, int index, Schema schema) {
        this.name = Objects.requireNonNull(name, "name");
        this.index = index;
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }

    public Schema schema() {
        return schema;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Field f && index == f.index && name.equals(f.name) && schema.equals(f.schema);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, index, schema);
    }

    @Override
    public String toString() {
        return "Field{name=" + name + ", index=" + index + ", schema=" + schema + "}";
    }
}
