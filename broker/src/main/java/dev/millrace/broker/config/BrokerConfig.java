package dev.millrace.broker.config;

import static dev.millrace.broker.config.ConfigDef.Type.BOOLEAN;
import static dev.millrace.broker.config.ConfigDef.Type.INT;
import static dev.millrace.broker.config.ConfigDef.Type.LIST;
import static dev.millrace.broker.config.ConfigDef.Type.LONG;
import static dev.millrace.broker.config.ConfigDef.Type.STRING;

import dev.millrace.broker.config.ConfigDef.Validator;
import dev.millrace.broker.log.LogConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The broker's settings, with Kafka's property names and defaults. Three kinds of keys are accepted: the
 * server keys declared here, the broker-level defaults of topic settings ({@code log.retention.ms},
 * {@code message.max.bytes}, ...; validated by {@link LogConfig}'s table), and a few Kafka keys that have no
 * effect on a single node yet (accepted so that an existing {@code server.properties} starts, and logged).
 * Anything else stops start-up with a message naming the key.
 */
public final class BrokerConfig {

    /** The default for {@code log.dirs} when nothing sets it; the start script points it into the distribution. */
    public static final String DEFAULT_LOG_DIRS_PROPERTY = "millrace.default.log.dirs";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define("node.id", INT, "1", Validator.atLeast(0), "The id of this node in the cluster.")
            .define("process.roles", LIST, "broker,controller", Validator.oneOf("broker", "controller"),
                    "The roles this process plays; a single node is both broker and controller.")
            .define("listeners", LIST, "PLAINTEXT://127.0.0.1:9092", "Addresses the broker listens on.")
            .define("advertised.listeners", LIST, null,
                    "Addresses given to clients in metadata; defaults to listeners.")
            .define("log.dirs", LIST, null, "Directories that hold the partition logs; defaults to log.dir.")
            .define("log.dir", STRING, System.getProperty(DEFAULT_LOG_DIRS_PROPERTY, "/tmp/kafka-logs"),
                    "The log directory used when log.dirs is not set.")
            .define("num.partitions", INT, "1", Validator.atLeast(1), "Partitions of auto-created topics.")
            .define("default.replication.factor", INT, "1", Validator.atLeast(1),
                    "Replication factor of auto-created topics.")
            .define("auto.create.topics.enable", BOOLEAN, "true",
                    "Create a topic when a client asks for an unknown one in Metadata or Produce.")
            .define("delete.topic.enable", BOOLEAN, "true", "Allow DeleteTopics.")
            .define("socket.request.max.bytes", INT, "104857600", Validator.atLeast(1),
                    "The largest request frame accepted; bigger frames close the connection.")
            .define("socket.send.buffer.bytes", INT, "102400", "SO_SNDBUF of client sockets; -1 = OS default.")
            .define("socket.receive.buffer.bytes", INT, "102400",
                    "SO_RCVBUF of client sockets; -1 = OS default.")
            .define("num.network.threads", INT, "3", Validator.atLeast(1), "Netty event loop threads.")
            .define("num.io.threads", INT, "8", Validator.atLeast(1),
                    "Threads that own partitions: each partition is appended to by exactly one of them.")
            .define("log.retention.check.interval.ms", LONG, "300000", Validator.atLeast(1),
                    "How often retention deletes old segments.")
            .define("log.cleaner.enable", BOOLEAN, "true",
                    "Run the log cleaner, which compacts topics with cleanup.policy=compact.")
            .define("log.cleaner.backoff.ms", LONG, "15000", Validator.atLeast(0),
                    "How long the cleaner sleeps between passes over the compacted logs.")
            .define("log.cleaner.dedupe.buffer.size", LONG, "134217728", Validator.atLeast(1024 * 1024),
                    "Memory for the cleaner's key-to-offset map (24 bytes per distinct key in a clean).")
            .define("log.flush.scheduler.interval.ms", LONG, "9223372036854775807", Validator.atLeast(1),
                    "How often logs are checked for flush.ms.")
            .define("log.retention.hours", INT, "168", "Retention in hours when log.retention.ms is not set.")
            .define("log.retention.minutes", INT, null, "Retention in minutes when log.retention.ms is not set.")
            .define("log.roll.hours", INT, "168", "Segment age before roll when log.roll.ms is not set.")
            .define("producer.id.expiration.ms", INT, "86400000", Validator.atLeast(1),
                    "How long idempotent producer state is kept after the producer's last write.")
            .define("offsets.topic.num.partitions", INT, "50", Validator.atLeast(1),
                    "Partitions of __consumer_offsets (fixed once the topic exists).")
            .define("offsets.topic.replication.factor", INT, "3", Validator.atLeast(1),
                    "Replication factor of __consumer_offsets; capped at the number of brokers (1 on a single node).")
            .define("offsets.retention.minutes", INT, "10080", Validator.atLeast(1),
                    "How long a group's committed offsets are kept after the group became empty.")
            .define("offsets.retention.check.interval.ms", LONG, "600000", Validator.atLeast(1),
                    "How often expired committed offsets are removed.")
            .define("group.initial.rebalance.delay.ms", INT, "3000", Validator.atLeast(0),
                    "How long the first rebalance of an empty group waits for more members to join.")
            .define("group.min.session.timeout.ms", INT, "6000", Validator.atLeast(0),
                    "The smallest session.timeout.ms a group member may ask for.")
            .define("group.max.session.timeout.ms", INT, "1800000", Validator.atLeast(0),
                    "The largest session.timeout.ms a group member may ask for.")
            .define("group.max.size", INT, Integer.toString(Integer.MAX_VALUE), Validator.atLeast(1),
                    "The most members a classic group may have.")
            .define("offset.metadata.max.bytes", INT, "4096", Validator.atLeast(0),
                    "The longest metadata string a committed offset may carry.");

    /** Kafka keys that only matter in a multi-node cluster or for features still to come; accepted, logged. */
    public static final Set<String> ACCEPTED_WITHOUT_EFFECT = Set.of(
            "controller.quorum.bootstrap.servers", "controller.quorum.voters", "controller.listener.names",
            "inter.broker.listener.name", "listener.security.protocol.map", "num.recovery.threads.per.data.dir",
            "transaction.state.log.replication.factor",
            "transaction.state.log.min.isr", "share.coordinator.state.topic.replication.factor",
            "share.coordinator.state.topic.min.isr");

    private final Map<String, String> originals;
    private final Map<String, Object> values;
    private final Map<String, String> logDefaults;
    private final Set<String> ignored;

    private BrokerConfig(Map<String, String> originals, Map<String, Object> values, Map<String, String> logDefaults,
                         Set<String> ignored) {
        this.originals = Map.copyOf(originals);
        this.values = values;
        this.logDefaults = logDefaults;
        this.ignored = ignored;
    }

    /** Parses and validates every key; throws {@link ConfigException} naming the first bad one. */
    public static BrokerConfig parse(Map<String, String> raw) {
        Map<String, String> server = new HashMap<>();
        Map<String, String> logKeys = new LinkedHashMap<>();
        Set<String> ignored = new TreeSet<>();
        Map<String, String> topicKeyOfBrokerKey = new HashMap<>();
        LogConfig.BROKER_SYNONYMS.forEach((topicKey, brokerKey) -> topicKeyOfBrokerKey.put(brokerKey, topicKey));
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String key = e.getKey();
            if (DEFINITION.has(key)) {
                server.put(key, e.getValue());
            } else if (topicKeyOfBrokerKey.containsKey(key)) {
                String topicKey = topicKeyOfBrokerKey.get(key);
                try {
                    LogConfig.DEFINITION.parseValue(topicKey, e.getValue());
                } catch (ConfigException ex) {
                    throw new ConfigException(key, e.getValue(), describe(topicKey));
                }
                logKeys.put(key, e.getValue());
            } else if (ACCEPTED_WITHOUT_EFFECT.contains(key)) {
                ignored.add(key);
            } else {
                throw new ConfigException(key, "unknown configuration key. Accepted keys are the server keys "
                        + new TreeSet<>(DEFINITION.keys().keySet()) + ", the topic defaults "
                        + new TreeSet<>(topicKeyOfBrokerKey.keySet()) + " and " + new TreeSet<>(ACCEPTED_WITHOUT_EFFECT));
            }
        }
        Map<String, Object> parsed = DEFINITION.parse(server, true);
        deriveTimeDefaults(raw, logKeys);
        BrokerConfig config = new BrokerConfig(raw, parsed, Collections.unmodifiableMap(logKeys), ignored);
        config.validateListeners();
        return config;
    }

    /** Kafka's precedence for time settings: *.ms over *.minutes over *.hours. */
    private static void deriveTimeDefaults(Map<String, String> raw, Map<String, String> logKeys) {
        if (!raw.containsKey("log.retention.ms")) {
            if (raw.containsKey("log.retention.minutes")) {
                long minutes = Long.parseLong(raw.get("log.retention.minutes").trim());
                logKeys.put("log.retention.ms", Long.toString(minutes < 0 ? -1 : minutes * 60_000L));
            } else if (raw.containsKey("log.retention.hours")) {
                long hours = Long.parseLong(raw.get("log.retention.hours").trim());
                logKeys.put("log.retention.ms", Long.toString(hours < 0 ? -1 : hours * 3_600_000L));
            }
        }
        if (!raw.containsKey("log.roll.ms") && raw.containsKey("log.roll.hours")) {
            logKeys.put("log.roll.ms", Long.toString(Long.parseLong(raw.get("log.roll.hours").trim()) * 3_600_000L));
        }
    }

    private static String describe(String topicKey) {
        ConfigDef.Key key = LogConfig.DEFINITION.keys().get(topicKey);
        return key.validator() != null ? key.validator().accepted() : key.type().name().toLowerCase();
    }

    private void validateListeners() {
        List<Endpoint> listeners = listeners();
        if (listeners.isEmpty()) {
            throw new ConfigException("listeners", "at least one client listener is required");
        }
        if (listeners.size() > 1) {
            throw new ConfigException("listeners", String.join(",", list("listeners")),
                    "a single client listener (several listeners are not supported yet)");
        }
        if (!listeners.get(0).listenerName().equals("PLAINTEXT")) {
            throw new ConfigException("listeners", listeners.get(0).listenerName(),
                    "PLAINTEXT (other security protocols are not supported yet)");
        }
        advertisedListener();
    }

    public int nodeId() {
        return (Integer) values.get("node.id");
    }

    /**
     * The client listeners. Listeners named in {@code controller.listener.names} (as in Kafka's combined-mode
     * server.properties) are left out: a single node needs no controller endpoint.
     */
    public List<Endpoint> listeners() {
        List<String> controllerNames = originals.containsKey("controller.listener.names")
                ? List.of(originals.get("controller.listener.names").trim().split("\\s*,\\s*")) : List.of();
        List<Endpoint> out = new ArrayList<>();
        for (String s : list("listeners")) {
            Endpoint e = Endpoint.parse("listeners", s);
            if (!controllerNames.contains(e.listenerName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The endpoint put in Metadata responses: the first advertised listener, or the first listener. */
    public Endpoint advertisedListener() {
        List<String> advertised = list("advertised.listeners");
        if (advertised == null || advertised.isEmpty()) {
            Endpoint l = listeners().get(0);
            return new Endpoint(l.listenerName(), l.advertisableHost(), l.port());
        }
        return Endpoint.parse("advertised.listeners", advertised.get(0));
    }

    public List<Path> logDirs() {
        List<String> dirs = list("log.dirs");
        if (dirs == null || dirs.isEmpty()) {
            dirs = List.of((String) values.get("log.dir"));
        }
        return dirs.stream().map(Path::of).toList();
    }

    public int numPartitions() {
        return (Integer) values.get("num.partitions");
    }

    public int defaultReplicationFactor() {
        return (Integer) values.get("default.replication.factor");
    }

    public boolean autoCreateTopics() {
        return (Boolean) values.get("auto.create.topics.enable");
    }

    public boolean deleteTopicEnable() {
        return (Boolean) values.get("delete.topic.enable");
    }

    public int socketRequestMaxBytes() {
        return (Integer) values.get("socket.request.max.bytes");
    }

    public int socketSendBufferBytes() {
        return (Integer) values.get("socket.send.buffer.bytes");
    }

    public int socketReceiveBufferBytes() {
        return (Integer) values.get("socket.receive.buffer.bytes");
    }

    public int numNetworkThreads() {
        return (Integer) values.get("num.network.threads");
    }

    public int numIoThreads() {
        return (Integer) values.get("num.io.threads");
    }

    public long retentionCheckIntervalMs() {
        return (Long) values.get("log.retention.check.interval.ms");
    }

    public boolean logCleanerEnable() {
        return (Boolean) values.get("log.cleaner.enable");
    }

    public long logCleanerBackoffMs() {
        return (Long) values.get("log.cleaner.backoff.ms");
    }

    public long logCleanerDedupeBufferSize() {
        return (Long) values.get("log.cleaner.dedupe.buffer.size");
    }

    public long flushSchedulerIntervalMs() {
        return (Long) values.get("log.flush.scheduler.interval.ms");
    }

    public int producerIdExpirationMs() {
        return (Integer) values.get("producer.id.expiration.ms");
    }

    public int offsetsTopicNumPartitions() {
        return (Integer) values.get("offsets.topic.num.partitions");
    }

    public int offsetsTopicReplicationFactor() {
        return (Integer) values.get("offsets.topic.replication.factor");
    }

    public long offsetsRetentionMs() {
        return (Integer) values.get("offsets.retention.minutes") * 60_000L;
    }

    public long offsetsRetentionCheckIntervalMs() {
        return (Long) values.get("offsets.retention.check.interval.ms");
    }

    public int groupInitialRebalanceDelayMs() {
        return (Integer) values.get("group.initial.rebalance.delay.ms");
    }

    public int groupMinSessionTimeoutMs() {
        return (Integer) values.get("group.min.session.timeout.ms");
    }

    public int groupMaxSessionTimeoutMs() {
        return (Integer) values.get("group.max.session.timeout.ms");
    }

    public int groupMaxSize() {
        return (Integer) values.get("group.max.size");
    }

    public int offsetMetadataMaxBytes() {
        return (Integer) values.get("offset.metadata.max.bytes");
    }

    /** The broker-level defaults of topic settings, keyed by broker key (e.g. {@code log.retention.ms}). */
    public Map<String, String> logDefaults() {
        return logDefaults;
    }

    /** The keys as the user set them (config file and overrides). */
    public Map<String, String> originals() {
        return originals;
    }

    /** Keys that were accepted but have no effect here; the server logs them. */
    public Set<String> ignoredKeys() {
        return ignored;
    }

    /** The value of a server key as configured or defaulted, in string form (for DescribeConfigs). */
    public Map<String, String> serverValues() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v instanceof List<?> l ? String.join(",", l.stream().map(Object::toString).toList())
                        : v.toString());
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<String> list(String key) {
        return (List<String>) values.get(key);
    }
}
