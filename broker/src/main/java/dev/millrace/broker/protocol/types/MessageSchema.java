package dev.millrace.broker.protocol.types;

import dev.millrace.broker.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * A top-level request or response body, declared once over all its versions (see {@link Schema#message}).
 * Reads a body into a {@link Struct} and writes one back for any version in {@link #versions()}; the header
 * is not part of it.
 */
public final class MessageSchema {

    private final String name;
    private final Versions versions;
    private final Versions flexibleVersions;
    private final StructSchema body;

    MessageSchema(String name, Versions versions, Versions flexibleVersions, List<FieldDecl> fields) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException(name + " has no valid versions");
        }
        this.name = name;
        this.versions = versions;
        this.flexibleVersions = flexibleVersions;
        this.body = new StructSchema(name, name, fields, versions);
    }

    public String name() {
        return name;
    }

    /** Every version this declaration covers (may be wider than what the broker advertises). */
    public Versions versions() {
        return versions;
    }

    public Versions flexibleVersions() {
        return flexibleVersions;
    }

    public boolean isFlexible(short version) {
        return flexibleVersions.contains(version);
    }

    /** The layout of the body, for tools and tests that walk fields. */
    public StructSchema body() {
        return body;
    }

    public Struct newStruct() {
        return body.newStruct();
    }

    /**
     * The handle of a field by its path in the body, e.g. {@code "Topics.Partitions.FetchOffset"}; see
     * {@link StructSchema#fieldAt}. Handles read and write struct values without name lookups or boxing.
     */
    public Field field(String dottedPath) {
        return body.fieldAt(dottedPath);
    }

    /**
     * Decodes a body from the reader index onwards. Records fields become slices of {@code in} (no copy).
     *
     * @throws ProtocolException on truncated or malformed input, or a version outside {@link #versions()}
     */
    public Struct read(ByteBuf in, short version) {
        if (!versions.contains(version)) {
            throw new ProtocolException(name + " has no version " + version + " (declared " + versions + ")");
        }
        try {
            return body.read(in, version, isFlexible(version));
        } catch (IndexOutOfBoundsException e) {
            throw new ProtocolException("Truncated " + name + " v" + version, e);
        }
    }

    /** The exact number of bytes {@link #write} will produce. */
    public int sizeOf(Struct s, short version) {
        checkWritable(s, version);
        return body.size(s, version, isFlexible(version));
    }

    /**
     * Encodes {@code s} into {@code out}. Records values must be {@link ByteBufRecords} (their bytes are
     * copied); use {@link #write(Struct, short, MessageOutput)} for {@link FileRecords}.
     */
    public void write(Struct s, short version, ByteBuf out) {
        write(s, version, MessageOutput.into(out));
    }

    /** Encodes {@code s} into {@code out}, leaving file ranges and large record slices uncopied. */
    public void write(Struct s, short version, MessageOutput out) {
        checkWritable(s, version);
        body.write(s, version, isFlexible(version), out);
    }

    private void checkWritable(Struct s, short version) {
        if (s.schema() != body) {
            throw new IllegalArgumentException("A " + s.schema().path() + " struct cannot be written as " + name);
        }
        if (!versions.contains(version)) {
            throw new IllegalArgumentException(name + " has no version " + version + " (declared " + versions + ")");
        }
    }

    @Override
    public String toString() {
        return name + " v" + versions;
    }
}
