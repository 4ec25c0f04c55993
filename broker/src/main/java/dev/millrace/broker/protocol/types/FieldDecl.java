package dev.millrace.broker.protocol.types;

import java.util.List;

/**
 * One field as written in a schema declaration (see {@link Schema}): name, kind, versions and the optional
 * nullable/tagged/default settings, chained fluently. {@link Schema#message} compiles declarations into
 * {@link Field}s; a declaration is not used after that.
 */
public final class FieldDecl {

    final String name;
    final Field.Kind kind;
    final Type type;
    final String structName;
    final List<FieldDecl> children;
    final Versions versions;
    Versions nullableVersions = Versions.NONE;
    Versions taggedVersions = Versions.NONE;
    int tag = -1;
    boolean hasDefault;
    Object defaultValue;

    FieldDecl(String name, Field.Kind kind, Type type, String structName, List<FieldDecl> children, String versions) {
        this.name = name;
        this.kind = kind;
        this.type = type;
        this.structName = structName;
        this.children = children;
        this.versions = Versions.parse(versions);
    }

    /** The versions in which the value may be null (Kafka's {@code nullableVersions}). */
    public FieldDecl nullable(String versions) {
        this.nullableVersions = Versions.parse(versions);
        return this;
    }

    /** Makes this a tagged field with the given tag in the given versions ({@code taggedVersions}). */
    public FieldDecl tagged(int tag, String versions) {
        this.tag = tag;
        this.taggedVersions = Versions.parse(versions);
        return this;
    }

    /**
     * The declared default: a Number (or a decimal/hex String) for numeric fields, a Boolean for bool,
     * a String for strings. Without one, the type's implicit default applies (0, false, "", empty).
     */
    public FieldDecl defaultValue(Object value) {
        this.hasDefault = true;
        this.defaultValue = value;
        return this;
    }

    /** Declares {@code null} as the default; the field must be nullable in some version. */
    public FieldDecl defaultNull() {
        return defaultValue(null);
    }
}
