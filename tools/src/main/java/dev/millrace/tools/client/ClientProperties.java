package dev.millrace.tools.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the properties of a Kafka client the way Kafka's tools do: the tool's own defaults, then a
 * properties file ({@code --command-config}, {@code --producer.config}, ...), then {@code key=value}
 * flags, each later source overriding the earlier ones; {@code bootstrap.servers} from
 * {@code --bootstrap-server} wins over all of them.
 */
public final class ClientProperties {

    private final Properties props = new Properties();

    public ClientProperties defaults(Map<String, String> defaults) {
        props.putAll(defaults);
        return this;
    }

    /** Adds the keys of a properties file; {@code file} may be null when the flag was not given. */
    public ClientProperties file(Path file) {
        if (file == null) {
            return this;
        }
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        } catch (NoSuchFileException e) {
            throw new ToolException("Client properties file not found: " + file);
        } catch (IOException e) {
            throw new ToolException("Cannot read client properties file " + file + ": " + e.getMessage());
        }
        for (String name : loaded.stringPropertyNames()) {
            props.setProperty(name, loaded.getProperty(name));
        }
        return this;
    }

    public ClientProperties overrides(Map<String, String> overrides) {
        if (overrides != null) {
            props.putAll(overrides);
        }
        return this;
    }

    public ClientProperties set(String key, String value) {
        props.setProperty(key, value);
        return this;
    }

    public Properties build(String bootstrapServers) {
        Properties out = new Properties();
        out.putAll(props);
        out.setProperty("bootstrap.servers", bootstrapServers);
        return out;
    }
}
