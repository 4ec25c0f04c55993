package dev.millrace.tools.produce;

import dev.millrace.tools.client.ToolException;
import java.util.Map;
import java.util.Set;

/**
 * How {@code produce} turns one input line into a key and a value, set by the {@code --property} keys
 * Kafka's console producer reads: {@code parse.key}, {@code key.separator} (a tab by default),
 * {@code null.marker} (a key or value equal to it is sent as null) and {@code ignore.error} (a line
 * without the separator becomes a value with a null key instead of failing).
 */
public final class LineFormat {

    static final Set<String> KNOWN = Set.of("parse.key", "key.separator", "null.marker", "ignore.error");

    /** A key and value to send; either may be null. */
    public record Parsed(String key, String value) {
    }

    private final boolean parseKey;
    private final String keySeparator;
    private final String nullMarker;
    private final boolean ignoreError;

    public LineFormat(boolean parseKey, String keySeparator, String nullMarker, boolean ignoreError) {
        if (keySeparator.isEmpty()) {
            throw new IllegalArgumentException("key.separator must not be empty");
        }
        this.parseKey = parseKey;
        this.keySeparator = keySeparator;
        this.nullMarker = nullMarker;
        this.ignoreError = ignoreError;
    }

    /**
     * Reads the format from {@code --property} values. Throws {@link IllegalArgumentException} naming a key
     * this tool does not know, so a typo is not silently ignored.
     */
    public static LineFormat fromProperties(Map<String, String> properties) {
        for (String key : properties.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("Unknown --property " + key + "; known: "
                        + String.join(", ", KNOWN.stream().sorted().toList()));
            }
        }
        String separator = properties.getOrDefault("key.separator", "\t");
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("--property key.separator must not be empty");
        }
        return new LineFormat(bool(properties, "parse.key"), separator,
                properties.get("null.marker"), bool(properties, "ignore.error"));
    }

    private static boolean bool(Map<String, String> properties, String key) {
        String value = properties.getOrDefault(key, "false").trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("--property " + key + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** Splits {@code line} (number {@code lineNumber}, from 1, for the error message). */
    public Parsed parse(String line, long lineNumber) {
        if (!parseKey) {
            return new Parsed(null, orNull(line));
        }
        int at = line.indexOf(keySeparator);
        if (at < 0) {
            if (ignoreError) {
                return new Parsed(null, orNull(line));
            }
            throw new ToolException("No key separator found on line " + lineNumber + ": '" + line + "'");
        }
        return new Parsed(orNull(line.substring(0, at)), orNull(line.substring(at + keySeparator.length())));
    }

    private String orNull(String s) {
        return s.equals(nullMarker) ? null : s;
    }
}
