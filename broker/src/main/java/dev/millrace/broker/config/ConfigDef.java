package dev.millrace.broker.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A table of configuration keys: each key's type, default, accepted values and documentation, declared
 * once. Parsing a map of strings against it yields typed values or a {@link ConfigException} that names
 * the key and what it accepts.
 */
public final class ConfigDef {

    /** The value types a key can have; string forms follow Kafka's property conventions. */
    public enum Type { BOOLEAN, INT, LONG, DOUBLE, STRING, LIST }

    /** A check on a parsed value, with the words shown to the user when it fails. */
    public record Validator(Predicate<Object> test, String accepted) {
        public static Validator atLeast(long min) {
            return new Validator(v -> ((Number) v).longValue() >= min, "a number >= " + min);
        }

        public static Validator between(long min, long max) {
            return new Validator(v -> {
                long n = ((Number) v).longValue();
                return n >= min && n <= max;
            }, "a number in [" + min + ", " + max + "]");
        }

        public static Validator oneOf(String... values) {
            Set<String> allowed = Set.of(values);
            return new Validator(v -> v instanceof List<?> l ? allowed.containsAll(l) : allowed.contains(v),
                    "one of " + String.join(", ", values));
        }
    }

    /** One declared key. {@code defaultValue} is the string form, or null for "no default". */
    public record Key(String name, Type type, String defaultValue, Validator validator, String doc) {
    }

    private final Map<String, Key> keys = new LinkedHashMap<>();

    public ConfigDef define(String name, Type type, String defaultValue, Validator validator, String doc) {
        if (keys.putIfAbsent(name, new Key(name, type, defaultValue, validator, doc)) != null) {
            throw new IllegalArgumentException("Configuration key defined twice: " + name);
        }
        return this;
    }

    public ConfigDef define(String name, Type type, String defaultValue, String doc) {
        return define(name, type, defaultValue, null, doc);
    }

    public Map<String, Key> keys() {
        return Collections.unmodifiableMap(keys);
    }

    public boolean has(String name) {
        return keys.containsKey(name);
    }

    /**
     * Parses {@code values} (string forms) into typed values, filling defaults. Keys not in this table
     * are rejected when {@code rejectUnknown} is set.
     */
    public Map<String, Object> parse(Map<String, String> values, boolean rejectUnknown) {
        if (rejectUnknown) {
            for (String name : values.keySet()) {
                if (!keys.containsKey(name)) {
                    throw new ConfigException(name, "unknown configuration key");
                }
            }
        }
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (Key key : keys.values()) {
            String raw = values.containsKey(key.name()) ? values.get(key.name()) : key.defaultValue();
            parsed.put(key.name(), raw == null ? null : parseValue(key, raw));
        }
        return parsed;
    }

    /** Parses and validates one value of a declared key. */
    public Object parseValue(String name, String raw) {
        Key key = keys.get(name);
        if (key == null) {
            throw new ConfigException(name, "unknown configuration key");
        }
        return parseValue(key, raw);
    }

    private static Object parseValue(Key key, String raw) {
        String s = raw.trim();
        Object value;
        try {
            value = switch (key.type()) {
                case BOOLEAN -> {
                    String b = s.toLowerCase(Locale.ROOT);
                    if (!b.equals("true") && !b.equals("false")) {
                        throw new IllegalArgumentException();
                    }
                    yield Boolean.parseBoolean(b);
                }
                case INT -> Integer.parseInt(s);
                case LONG -> Long.parseLong(s);
                case DOUBLE -> Double.parseDouble(s);
                case STRING -> s;
                case LIST -> splitList(s);
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key.name(), raw, describe(key));
        }
        if (key.validator() != null && !key.validator().test().test(value)) {
            throw new ConfigException(key.name(), raw, key.validator().accepted());
        }
        return value;
    }

    private static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        for (String part : s.split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static String describe(Key key) {
        String type = switch (key.type()) {
            case BOOLEAN -> "true or false";
            case INT -> "a 32-bit integer";
            case LONG -> "a 64-bit integer";
            case DOUBLE -> "a number";
            case STRING -> "a string";
            case LIST -> "a comma-separated list";
        };
        return key.validator() == null ? type : type + ", " + key.validator().accepted();
    }
}
