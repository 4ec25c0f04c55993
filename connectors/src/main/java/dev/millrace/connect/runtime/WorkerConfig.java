package dev.millrace.connect.runtime;

import dev.millrace.connect.errors.ConnectException;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The worker's settings, with the keys and defaults of Kafka Connect's {@code connect-standalone} worker. An unknown
 * key or an invalid value stops start-up with a message naming it. {@code producer.*}, {@code consumer.*},
 * {@code admin.*}, {@code key.converter.*} and {@code value.converter.*} pass through to the client or converter.
 */
public final class WorkerConfig {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String KEY_CONVERTER = "key.converter";
    public static final String VALUE_CONVERTER = "value.converter";
    public static final String OFFSET_STORAGE_TOPIC = "offset.storage.topic";
    public static final String CONFIG_STORAGE_TOPIC = "config.storage.topic";
    public static final String STATUS_STORAGE_TOPIC = "status.storage.topic";
    public static final String OFFSET_FLUSH_INTERVAL_MS = "offset.flush.interval.ms";
    public static final String REST_PORT = "rest.port";
    public static final String REST_HOST = "rest.host.name";
    public static final String LISTENERS = "listeners";

    /** Key -> default (null: no default). Keys Connect accepts that a single worker has no use for default to "". */
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put(BOOTSTRAP_SERVERS, "localhost:9092");
        DEFAULTS.put(KEY_CONVERTER, "org.apache.kafka.connect.json.JsonConverter");
        DEFAULTS.put(VALUE_CONVERTER, "org.apache.kafka.connect.json.JsonConverter");
        DEFAULTS.put(OFFSET_STORAGE_TOPIC, "connect-offsets");
        DEFAULTS.put(CONFIG_STORAGE_TOPIC, "connect-configs");
        DEFAULTS.put(STATUS_STORAGE_TOPIC, "connect-status");
        DEFAULTS.put("offset.storage.partitions", "25");
        DEFAULTS.put("status.storage.partitions", "5");
        DEFAULTS.put("offset.storage.replication.factor", "-1");
        DEFAULTS.put("config.storage.replication.factor", "-1");
        DEFAULTS.put("status.storage.replication.factor", "-1");
        DEFAULTS.put(OFFSET_FLUSH_INTERVAL_MS, "60000");
        DEFAULTS.put("offset.flush.timeout.ms", "5000");
        DEFAULTS.put("task.shutdown.graceful.timeout.ms", "5000");
        DEFAULTS.put(REST_PORT, "8083");
        DEFAULTS.put(REST_HOST, "127.0.0.1");
        DEFAULTS.put(LISTENERS, "");
        DEFAULTS.put("topic.creation.enable", "true");
        // accepted for compatibility with connect-standalone/distributed property files; no effect on one worker
        for (String ignored : List.of("plugin.path", "group.id", "offset.storage.file.filename",
                "client.id",
                "connector.client.config.override.policy", "plugin.discovery", "rest.advertised.host.name",
                "rest.advertised.port", "rest.advertised.listener", "access.control.allow.origin",
                "access.control.allow.methods", "scheduled.rebalance.max.delay.ms", "config.providers")) {
            DEFAULTS.putIfAbsent(ignored, "");
        }
    }

    private static final Set<String> PASS_THROUGH_PREFIXES =
            Set.of("producer.", "consumer.", "admin.", "key.converter.", "value.converter.", "config.providers.");

    private final Map<String, String> values;

    private WorkerConfig(Map<String, String> values) {
        this.values = values;
    }

    /** Validates {@code props}; throws {@link ConnectException} naming the first unknown or invalid key. */
    public static WorkerConfig parse(Map<String, String> props) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (Map.Entry<String, String> e : props.entrySet()) {
            String key = e.getKey().trim();
            if (!DEFAULTS.containsKey(key) && PASS_THROUGH_PREFIXES.stream().noneMatch(key::startsWith)) {
                throw new ConnectException("Unknown worker config key '" + key + "'");
            }
            values.put(key, e.getValue() == null ? "" : e.getValue().trim());
        }
        WorkerConfig config = new WorkerConfig(values);
        config.positiveLong(OFFSET_FLUSH_INTERVAL_MS);
        config.positiveLong("offset.flush.timeout.ms");
        config.positiveLong("task.shutdown.graceful.timeout.ms");
        config.intValue("offset.storage.partitions");
        config.intValue("status.storage.partitions");
        config.restPort();
        for (String key : List.of(BOOTSTRAP_SERVERS, OFFSET_STORAGE_TOPIC, CONFIG_STORAGE_TOPIC, STATUS_STORAGE_TOPIC,
                KEY_CONVERTER, VALUE_CONVERTER)) {
            if (config.get(key).isEmpty()) {
                throw new ConnectException("Invalid worker config '" + key + "': must not be empty");
            }
        }
        return config;
    }

    public String get(String key) {
        return values.getOrDefault(key, "");
    }

    public Map<String, String> all() {
        return Map.copyOf(values);
    }

    /** Keys under {@code prefix}, with the prefix removed. */
    public Map<String, Object> withPrefix(String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    public long positiveLong(String key) {
        try {
            long v = Long.parseLong(get(key));
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConnectException("Invalid worker config '" + key + "': expected a positive number, got '"
                    + get(key) + "'");
        }
    }

    public int intValue(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new ConnectException("Invalid worker config '" + key + "': expected a number, got '" + get(key) + "'");
        }
    }

    public String restHost() {
        String listeners = get(LISTENERS);
        if (!listeners.isEmpty()) {
            return listener(listeners).getHost();
        }
        return get(REST_HOST).isEmpty() ? "127.0.0.1" : get(REST_HOST);
    }

    /** The REST port: from {@code listeners} (first http://host:port) if set, else {@code rest.port}. */
    public int restPort() {
        String listeners = get(LISTENERS);
        if (!listeners.isEmpty()) {
            return listener(listeners).getPort();
        }
        int port = intValue(REST_PORT);
        if (port < 0 || port > 65535) {
            throw new ConnectException("Invalid worker config 'rest.port': " + port + " is not a port");
        }
        return port;
    }

    private static URI listener(String listeners) {
        String first = listeners.split(",")[0].trim();
        try {
            URI uri = URI.create(first);
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConnectException("Invalid worker config 'listeners': expected http://host:port, got '"
                    + first + "'");
        }
    }
}
