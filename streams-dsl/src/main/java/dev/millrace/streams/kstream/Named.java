package dev.millrace.streams.kstream;

import dev.millrace.streams.errors.TopologyException;

import java.util.Objects;

/** A name for the processor an operation creates, replacing the generated {@code KSTREAM-...-0000000001}. */
public class Named {
    private static final int MAX_NAME_LENGTH = 249;

    protected String name;

    protected Named(String name) {
        this.name = name;
        if (name != null) validate(name);
    }

    protected Named(Named named) {
        this(named.name);
    }

    public static Named as(String name) {
        Objects.requireNonNull(name, "name can't be null");
        return new Named(name);
    }

    public Named withName(String name) {
        return new Named(name);
    }

    /** The name, or null when none was given; for the DSL's internals. */
    public String name() {
        return name;
    }

    protected static void validate(String name) {
        if (name.isEmpty()) throw new TopologyException("Name is illegal, it can't be empty");
        if (name.equals(".") || name.equals("..")) throw new TopologyException("Name cannot be \".\" or \"..\"");
        if (name.length() > MAX_NAME_LENGTH) {
            throw new TopologyException("Name is illegal, it can't be longer than " + MAX_NAME_LENGTH + " characters, name: " + name);
        }
        for (char c : name.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' || c == '-';
            if (!ok) {
                throw new TopologyException("Name \"" + name + "\" is illegal, it contains a character other than "
                        + "ASCII alphanumerics, '.', '_' and '-'");
            }
        }
    }
}
