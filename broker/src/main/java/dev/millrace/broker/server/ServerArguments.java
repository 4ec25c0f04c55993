package dev.millrace.broker.server;

import dev.millrace.broker.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The server's command line: {@code [--config FILE] [--override key=value]...}. The file is a Kafka-style
 * properties file; overrides win over it.
 */
final class ServerArguments {
    static final String USAGE = "Usage: millrace start [--config FILE] [--override key=value]...";

    private ServerArguments() {
    }

    /** Returns the merged key/values; throws IllegalArgumentException for a malformed command line. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--config" -> values.putAll(readFile(Path.of(requireValue(args, ++i, arg))));
                case "--override" -> {
                    String kv = requireValue(args, ++i, arg);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--override expects key=value, got '" + kv + "'");
                    }
                    overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
                default -> throw new IllegalArgumentException("Unknown argument '" + arg + "'. " + USAGE);
            }
        }
        values.putAll(overrides);
        return values;
    }

    private static String requireValue(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value. " + USAGE);
        }
        return args[index];
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).trim()));
        return out;
    }
}
