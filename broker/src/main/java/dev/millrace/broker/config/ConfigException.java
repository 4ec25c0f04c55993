package dev.millrace.broker.config;

/** An invalid or unknown configuration key; the message always names the key. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigException(String key, String message) {
        super("Invalid value for configuration '" + key + "': " + message);
        this.key = key;
    }

    public ConfigException(String key, Object value, String expected) {
        this(key, "'" + value + "' is not valid; expected " + expected);
    }

    /** The configuration key at fault. */
    public String key() {
        return key;
    }
}
