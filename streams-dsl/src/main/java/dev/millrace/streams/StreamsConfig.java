package dev.millrace.streams;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The application's configuration under Kafka Streams' key names: what the test driver, the DSL and the
 * {@link KafkaStreams} runtime read (see the streams-dsl README for each key's default), every key kept as given.
 */
public class StreamsConfig {
    public static final String APPLICATION_ID_CONFIG = "application.id";
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String NUM_STREAM_THREADS_CONFIG = "num.stream.threads";
    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";
    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";
    public static final String STATE_DIR_CONFIG = "state.dir";
    public static final String STATESTORE_CACHE_MAX_BYTES_CONFIG = "statestore.cache.max.bytes";
    public static final String DEFAULT_KEY_SERDE_CLASS_CONFIG = "default.key.serde";
    public static final String DEFAULT_VALUE_SERDE_CLASS_CONFIG = "default.value.serde";
    public static final String NUM_STANDBY_REPLICAS_CONFIG = "num.standby.replicas";
    /** {@code host:port} of this instance's query endpoint, shared with the other instances through the assignment. */
    public static final String APPLICATION_SERVER_CONFIG = "application.server";
    public static final String TOPOLOGY_OPTIMIZATION_CONFIG = "topology.optimization";
    public static final String DEFAULT_DSL_STORE_CONFIG = "default.dsl.store";
    public static final String ROCKS_DB = "rocksDB";
    public static final String IN_MEMORY = "in_memory";
    public static final String AT_LEAST_ONCE = "at_least_once";
    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    public static final String NO_OPTIMIZATION = "none";

    private final Map<String, Object> originals;
    private Serde<?> defaultKeySerde;
    private Serde<?> defaultValueSerde;

    public StreamsConfig(Map<?, ?> props) {
        Map<String, Object> copy = new HashMap<>();
        for (Map.Entry<?, ?> e : props.entrySet()) copy.put(String.valueOf(e.getKey()), e.getValue());
        this.originals = copy;
        if (!copy.containsKey(APPLICATION_ID_CONFIG)) {
            throw new ConfigException("Missing required configuration \"" + APPLICATION_ID_CONFIG + "\" which has no default value.");
        }
    }

    static StreamsConfig of(Properties props) {
        return new StreamsConfig(props);
    }

    /** Every key as given. */
    public Map<String, Object> originals() {
        return originals;
    }

    public String getString(String key) {
        Object v = originals.get(key);
        return v == null ? null : v.toString();
    }

    /** The configured default key serde, made and configured once; null when none is set. */
    public synchronized Serde<?> defaultKeySerdeOrNull() {
        if (defaultKeySerde == null && originals.get(DEFAULT_KEY_SERDE_CLASS_CONFIG) != null) {
            defaultKeySerde = makeSerde(DEFAULT_KEY_SERDE_CLASS_CONFIG, true);
        }
        return defaultKeySerde;
    }

    public synchronized Serde<?> defaultValueSerdeOrNull() {
        if (defaultValueSerde == null && originals.get(DEFAULT_VALUE_SERDE_CLASS_CONFIG) != null) {
            defaultValueSerde = makeSerde(DEFAULT_VALUE_SERDE_CLASS_CONFIG, false);
        }
        return defaultValueSerde;
    }

    /** The default key serde; a node that needs one when none is configured fails here, with Kafka's message. */
    public Serde<?> defaultKeySerde() {
        Serde<?> s = defaultKeySerdeOrNull();
        if (s == null) throw new ConfigException("Please specify a key serde or set one through StreamsConfig#DEFAULT_KEY_SERDE_CLASS_CONFIG");
        return s;
    }

    public Serde<?> defaultValueSerde() {
        Serde<?> s = defaultValueSerdeOrNull();
        if (s == null) throw new ConfigException("Please specify a value serde or set one through StreamsConfig#DEFAULT_VALUE_SERDE_CLASS_CONFIG");
        return s;
    }

    private Serde<?> makeSerde(String key, boolean isKey) {
        Object setting = Objects.requireNonNull(originals.get(key));
        try {
            Class<?> cls = setting instanceof Class ? (Class<?>) setting
                    : Class.forName(setting.toString().trim(), true, Thread.currentThread().getContextClassLoader());
            Serde<?> serde = (Serde<?>) cls.getDeclaredConstructor().newInstance();
            serde.configure(originals, isKey);
            return serde;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new ConfigException("Failed to configure " + key + " " + setting + ": " + e);
        }
    }
}
