package dev.millrace.broker.log;

import dev.millrace.broker.config.ConfigDef;
import dev.millrace.broker.config.ConfigDef.Type;
import dev.millrace.broker.config.ConfigDef.Validator;
import dev.millrace.broker.config.ConfigException;
import dev.millrace.broker.record.BatchValidator;
import dev.millrace.broker.record.CompressionType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topic-level settings of one partition's log, with Kafka's topic config names and Kafka 4.x
 * defaults. A value comes from the topic's override, else from the broker-level synonym
 * ({@link #BROKER_SYNONYMS}, e.g. {@code log.retention.ms}), else from the Kafka default declared in
 * {@link #DEFINITION}. Immutable; {@link PartitionLog#updateConfig} swaps the whole object.
 *
 * <p>{@code internal.segment.bytes} is not a Kafka topic config users see ({@link #INTERNAL_KEYS}): like
 * Kafka 4's internal override it lifts the 1 MiB floor of {@code segment.bytes} so tests can roll tiny
 * segments. {@code compression.type} accepts Kafka's {@code uncompressed} and also {@code none}.
 */
public final class LogConfig {
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String COMPRESSION_GZIP_LEVEL = "compression.gzip.level";
    public static final String COMPRESSION_LZ4_LEVEL = "compression.lz4.level";
    public static final String COMPRESSION_ZSTD_LEVEL = "compression.zstd.level";
    public static final String DELETE_RETENTION_MS = "delete.retention.ms";
    public static final String FILE_DELETE_DELAY_MS = "file.delete.delay.ms";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String MAX_COMPACTION_LAG_MS = "max.compaction.lag.ms";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";
    public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String MIN_CLEANABLE_DIRTY_RATIO = "min.cleanable.dirty.ratio";
    public static final String MIN_COMPACTION_LAG_MS = "min.compaction.lag.ms";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String PREALLOCATE = "preallocate";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String RETENTION_MS = "retention.ms";
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String SEGMENT_JITTER_MS = "segment.jitter.ms";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";
    /** Test-only override of segment.bytes below its 1 MiB floor (Kafka 4 has the same escape hatch). */
    public static final String INTERNAL_SEGMENT_BYTES = "internal.segment.bytes";

    public static final String CLEANUP_POLICY_DELETE = "delete";
    public static final String CLEANUP_POLICY_COMPACT = "compact";
    /** The topic compression.type value that keeps whatever codec the producer chose. */
    public static final String COMPRESSION_PRODUCER = "producer";
    public static final String TIMESTAMP_CREATE_TIME = "CreateTime";
    public static final String TIMESTAMP_LOG_APPEND_TIME = "LogAppendTime";

    private static final long DAY_MS = 24L * 60 * 60 * 1000;
    /** Floor for internal.segment.bytes: one minimal batch must fit. */
    private static final int MIN_INTERNAL_SEGMENT_BYTES = 14;

    /** Every topic-level key: type, Kafka 4.x default, accepted values and documentation. */
    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(CLEANUP_POLICY, Type.LIST, CLEANUP_POLICY_DELETE,
                    Validator.oneOf(CLEANUP_POLICY_DELETE, CLEANUP_POLICY_COMPACT),
                    "delete: drop old segments by retention; compact: keep the latest value per key; or both")
            .define(COMPRESSION_TYPE, Type.STRING, COMPRESSION_PRODUCER,
                    Validator.oneOf("uncompressed", "none", "gzip", "snappy", "lz4", "zstd", COMPRESSION_PRODUCER),
                    "Codec batches are stored in; 'producer' keeps the producer's codec (no recompression)")
            .define(COMPRESSION_GZIP_LEVEL, Type.INT, "-1",
                    new Validator(v -> ((Number) v).intValue() == -1 || between((Number) v, 1, 9), "-1 or [1, 9]"),
                    "gzip level used when the broker recompresses into gzip")
            .define(COMPRESSION_LZ4_LEVEL, Type.INT, "9", Validator.between(1, 17),
                    "lz4 level used when the broker recompresses into lz4")
            .define(COMPRESSION_ZSTD_LEVEL, Type.INT, "3", Validator.between(-131072, 22),
                    "zstd level used when the broker recompresses into zstd")
            .define(DELETE_RETENTION_MS, Type.LONG, Long.toString(DAY_MS), Validator.atLeast(0),
                    "How long tombstones are kept on compacted topics")
            .define(FILE_DELETE_DELAY_MS, Type.LONG, "60000", Validator.atLeast(0),
                    "Delay before a deleted segment's files are removed, so readers in flight can finish")
            .define(FLUSH_MESSAGES, Type.LONG, Long.toString(Long.MAX_VALUE), Validator.atLeast(1),
                    "fsync after this many messages; the default leaves durability to replication")
            .define(FLUSH_MS, Type.LONG, Long.toString(Long.MAX_VALUE), Validator.atLeast(0),
                    "fsync when the last flush is older than this")
            .define(INDEX_INTERVAL_BYTES, Type.INT, "4096", Validator.atLeast(0),
                    "Bytes of batches between two offset-index entries")
            .define(MAX_COMPACTION_LAG_MS, Type.LONG, Long.toString(Long.MAX_VALUE), Validator.atLeast(1),
                    "Longest a record stays uncompacted")
            .define(MAX_MESSAGE_BYTES, Type.INT, "1048588", Validator.atLeast(0),
                    "Largest record batch accepted, in bytes")
            .define(MESSAGE_TIMESTAMP_AFTER_MAX_MS, Type.LONG, "3600000", Validator.atLeast(0),
                    "How far a CreateTime may be ahead of the broker's clock")
            .define(MESSAGE_TIMESTAMP_BEFORE_MAX_MS, Type.LONG, Long.toString(Long.MAX_VALUE), Validator.atLeast(0),
                    "How far a CreateTime may be behind the broker's clock")
            .define(MESSAGE_TIMESTAMP_TYPE, Type.STRING, TIMESTAMP_CREATE_TIME,
                    Validator.oneOf(TIMESTAMP_CREATE_TIME, TIMESTAMP_LOG_APPEND_TIME),
                    "CreateTime keeps the producer's timestamps; LogAppendTime stamps the broker's clock")
            .define(MIN_CLEANABLE_DIRTY_RATIO, Type.DOUBLE, "0.5",
                    new Validator(v -> ((Double) v) >= 0 && ((Double) v) <= 1, "a number in [0, 1]"),
                    "Dirty share of the log that triggers compaction")
            .define(MIN_COMPACTION_LAG_MS, Type.LONG, "0", Validator.atLeast(0),
                    "Shortest time a record stays uncompacted")
            .define(MIN_INSYNC_REPLICAS, Type.INT, "1", Validator.atLeast(1),
                    "Replicas that must have a write for acks=all to succeed")
            .define(PREALLOCATE, Type.BOOLEAN, "false",
                    "Preallocate segment files (accepted for compatibility; Millrace does not preallocate)")
            .define(RETENTION_BYTES, Type.LONG, "-1", null,
                    "Largest size of the partition before old segments are deleted; -1 = unlimited")
            .define(RETENTION_MS, Type.LONG, Long.toString(7 * DAY_MS), Validator.atLeast(-1),
                    "Age after which segments are deleted; -1 = unlimited")
            .define(SEGMENT_BYTES, Type.INT, Integer.toString(1024 * 1024 * 1024), Validator.atLeast(1024 * 1024),
                    "Size at which a segment is rolled")
            .define(SEGMENT_INDEX_BYTES, Type.INT, Integer.toString(10 * 1024 * 1024), Validator.atLeast(4),
                    "Size of the offset and time index files; a full index rolls the segment")
            .define(SEGMENT_JITTER_MS, Type.LONG, "0", Validator.atLeast(0),
                    "Random reduction of segment.ms so partitions do not all roll together")
            .define(SEGMENT_MS, Type.LONG, Long.toString(7 * DAY_MS), Validator.atLeast(1),
                    "Age at which a segment is rolled even when not full")
            .define(UNCLEAN_LEADER_ELECTION_ENABLE, Type.BOOLEAN, "false",
                    "Allow an out-of-sync replica to become leader, losing data")
            .define(INTERNAL_SEGMENT_BYTES, Type.INT, null, Validator.atLeast(MIN_INTERNAL_SEGMENT_BYTES),
                    "Internal: overrides segment.bytes without its 1 MiB floor (tests)");

    /**
     * Topic key to the broker-level key whose value is the topic's default (Kafka's synonyms). Keys absent
     * here have no broker-level synonym.
     */
    public static final Map<String, String> BROKER_SYNONYMS = brokerSynonyms();

    /**
     * Keys for the broker's own use (tests), never accepted from clients: CreateTopics/AlterConfigs
     * handlers reject them and DescribeConfigs hides them.
     */
    public static final java.util.Set<String> INTERNAL_KEYS = java.util.Set.of(INTERNAL_SEGMENT_BYTES);

    /** Where a value came from, as DescribeConfigs reports it. */
    public enum Source { TOPIC, BROKER, DEFAULT }

    private static final LogConfig DEFAULTS = of(Map.of(), Map.of());

    private final Map<String, String> originals;
    private final Map<String, Source> sources;
    private final Map<String, Object> values;

    private final List<String> cleanupPolicy;
    private final CompressionType compression;
    private final int compressionLevel;
    private final long fileDeleteDelayMs;
    private final long flushMessages;
    private final long flushMs;
    private final int indexIntervalBytes;
    private final int maxMessageBytes;
    private final long timestampAfterMaxMs;
    private final long timestampBeforeMaxMs;
    private final boolean logAppendTime;
    private final int minInsyncReplicas;
    private final long retentionBytes;
    private final long retentionMs;
    private final int segmentBytes;
    private final int segmentIndexBytes;
    private final long segmentJitterMs;
    private final long segmentMs;
    private final long maxSegmentMs;
    private final BatchValidator.Rules validationRules;

    private LogConfig(Map<String, String> originals, Map<String, Source> sources, Map<String, Object> values) {
        this.originals = Collections.unmodifiableMap(originals);
        this.sources = Collections.unmodifiableMap(sources);
        this.values = Collections.unmodifiableMap(values);
        @SuppressWarnings("unchecked")
        List<String> policy = List.copyOf((List<String>) values.get(CLEANUP_POLICY));
        this.cleanupPolicy = policy;
        String codec = (String) values.get(COMPRESSION_TYPE);
        this.compression = switch (codec) {
            case COMPRESSION_PRODUCER -> null;
            case "uncompressed", "none" -> CompressionType.NONE;
            default -> CompressionType.forName(codec);
        };
        this.compressionLevel = compression == null ? 0 : switch (compression) {
            case GZIP -> intValue(COMPRESSION_GZIP_LEVEL);
            case LZ4 -> intValue(COMPRESSION_LZ4_LEVEL);
            case ZSTD -> intValue(COMPRESSION_ZSTD_LEVEL);
            default -> 0;
        };
        this.fileDeleteDelayMs = longValue(FILE_DELETE_DELAY_MS);
        this.flushMessages = longValue(FLUSH_MESSAGES);
        this.flushMs = longValue(FLUSH_MS);
        this.indexIntervalBytes = intValue(INDEX_INTERVAL_BYTES);
        this.maxMessageBytes = intValue(MAX_MESSAGE_BYTES);
        this.timestampAfterMaxMs = longValue(MESSAGE_TIMESTAMP_AFTER_MAX_MS);
        this.timestampBeforeMaxMs = longValue(MESSAGE_TIMESTAMP_BEFORE_MAX_MS);
        this.logAppendTime = TIMESTAMP_LOG_APPEND_TIME.equals(values.get(MESSAGE_TIMESTAMP_TYPE));
        this.minInsyncReplicas = intValue(MIN_INSYNC_REPLICAS);
        this.retentionBytes = longValue(RETENTION_BYTES);
        this.retentionMs = longValue(RETENTION_MS);
        Object internalSegmentBytes = values.get(INTERNAL_SEGMENT_BYTES);
        this.segmentBytes = internalSegmentBytes != null ? (Integer) internalSegmentBytes : intValue(SEGMENT_BYTES);
        this.segmentIndexBytes = intValue(SEGMENT_INDEX_BYTES);
        this.segmentJitterMs = longValue(SEGMENT_JITTER_MS);
        this.segmentMs = longValue(SEGMENT_MS);
        // Kafka rolls the active segment of a compacted log by max.compaction.lag.ms too: the cleaner
        // never touches the active segment, so without a roll the lag could not be honoured.
        this.maxSegmentMs = isCompacted() ? Math.min(segmentMs, longValue(MAX_COMPACTION_LAG_MS)) : segmentMs;
        this.validationRules = new BatchValidator.Rules(maxMessageBytes, logAppendTime, timestampBeforeMaxMs,
                timestampAfterMaxMs, isCompacted());
    }

    /**
     * Resolves every topic key: {@code topicOverrides} (topic keys) win, then {@code brokerDefaults}
     * (broker keys such as {@code log.retention.ms}, other broker keys are ignored), then Kafka's default.
     *
     * @throws ConfigException naming an unknown topic key or an invalid value
     */
    public static LogConfig of(Map<String, String> topicOverrides, Map<String, String> brokerDefaults) {
        for (String key : topicOverrides.keySet()) {
            if (!DEFINITION.has(key)) {
                throw new ConfigException(key, "unknown topic configuration key");
            }
        }
        Map<String, String> originals = new LinkedHashMap<>(topicOverrides);
        Map<String, Source> sources = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigDef.Key key : DEFINITION.keys().values()) {
            String name = key.name();
            if (topicOverrides.containsKey(name)) {
                values.put(name, DEFINITION.parseValue(name, topicOverrides.get(name)));
                sources.put(name, Source.TOPIC);
                continue;
            }
            String brokerValue = brokerValue(name, brokerDefaults);
            if (brokerValue != null) {
                try {
                    values.put(name, DEFINITION.parseValue(name, brokerValue));
                } catch (ConfigException e) {
                    throw new ConfigException(BROKER_SYNONYMS.get(name), brokerValue, "a valid value for " + name
                            + " (" + e.getMessage() + ")");
                }
                sources.put(name, Source.BROKER);
                continue;
            }
            values.put(name, key.defaultValue() == null ? null : DEFINITION.parseValue(name, key.defaultValue()));
            sources.put(name, Source.DEFAULT);
        }
        return new LogConfig(originals, sources, values);
    }

    /** All Kafka defaults, no overrides. */
    public static LogConfig defaults() {
        return DEFAULTS;
    }

    /** This config with {@code overrides} (topic keys) applied on top of its own topic overrides. */
    public LogConfig with(Map<String, String> overrides, Map<String, String> brokerDefaults) {
        Map<String, String> merged = new LinkedHashMap<>(originals);
        merged.putAll(overrides);
        return of(merged, brokerDefaults);
    }

    private static String brokerValue(String topicKey, Map<String, String> broker) {
        String synonym = BROKER_SYNONYMS.get(topicKey);
        if (synonym == null) {
            return null;
        }
        if (broker.containsKey(synonym)) {
            return broker.get(synonym);
        }
        // Kafka's coarser broker keys: log.retention.minutes/hours and log.roll(.jitter).hours
        return switch (topicKey) {
            case RETENTION_MS -> scaled(broker, "log.retention.minutes", 60_000L, "log.retention.hours", 3_600_000L);
            case SEGMENT_MS -> scaled(broker, null, 0, "log.roll.hours", 3_600_000L);
            case SEGMENT_JITTER_MS -> scaled(broker, null, 0, "log.roll.jitter.hours", 3_600_000L);
            default -> null;
        };
    }

    private static String scaled(Map<String, String> broker, String fineKey, long fineMs, String coarseKey, long coarseMs) {
        for (String key : new String[] {fineKey, coarseKey}) {
            if (key != null && broker.containsKey(key)) {
                String raw = broker.get(key).trim();
                try {
                    long v = Long.parseLong(raw);
                    return Long.toString(v < 0 ? -1 : v * (key.equals(fineKey) ? fineMs : coarseMs));
                } catch (NumberFormatException e) {
                    throw new ConfigException(key, raw, "a 64-bit integer");
                }
            }
        }
        return null;
    }

    private static Map<String, String> brokerSynonyms() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CLEANUP_POLICY, "log.cleanup.policy");
        m.put(COMPRESSION_TYPE, "compression.type");
        m.put(COMPRESSION_GZIP_LEVEL, "compression.gzip.level");
        m.put(COMPRESSION_LZ4_LEVEL, "compression.lz4.level");
        m.put(COMPRESSION_ZSTD_LEVEL, "compression.zstd.level");
        m.put(DELETE_RETENTION_MS, "log.cleaner.delete.retention.ms");
        m.put(FILE_DELETE_DELAY_MS, "log.segment.delete.delay.ms");
        m.put(FLUSH_MESSAGES, "log.flush.interval.messages");
        m.put(FLUSH_MS, "log.flush.interval.ms");
        m.put(INDEX_INTERVAL_BYTES, "log.index.interval.bytes");
        m.put(MAX_COMPACTION_LAG_MS, "log.cleaner.max.compaction.lag.ms");
        m.put(MAX_MESSAGE_BYTES, "message.max.bytes");
        m.put(MESSAGE_TIMESTAMP_AFTER_MAX_MS, "log.message.timestamp.after.max.ms");
        m.put(MESSAGE_TIMESTAMP_BEFORE_MAX_MS, "log.message.timestamp.before.max.ms");
        m.put(MESSAGE_TIMESTAMP_TYPE, "log.message.timestamp.type");
        m.put(MIN_CLEANABLE_DIRTY_RATIO, "log.cleaner.min.cleanable.ratio");
        m.put(MIN_COMPACTION_LAG_MS, "log.cleaner.min.compaction.lag.ms");
        m.put(MIN_INSYNC_REPLICAS, "min.insync.replicas");
        m.put(PREALLOCATE, "log.preallocate");
        m.put(RETENTION_BYTES, "log.retention.bytes");
        m.put(RETENTION_MS, "log.retention.ms");
        m.put(SEGMENT_BYTES, "log.segment.bytes");
        m.put(SEGMENT_INDEX_BYTES, "log.index.size.max.bytes");
        m.put(SEGMENT_JITTER_MS, "log.roll.jitter.ms");
        m.put(SEGMENT_MS, "log.roll.ms");
        m.put(UNCLEAN_LEADER_ELECTION_ENABLE, "unclean.leader.election.enable");
        return Collections.unmodifiableMap(m);
    }

    private static boolean between(Number n, long min, long max) {
        return n.longValue() >= min && n.longValue() <= max;
    }

    private int intValue(String key) {
        return (Integer) values.get(key);
    }

    private long longValue(String key) {
        return (Long) values.get(key);
    }

    /** The topic-level overrides this config was built from (topic keys, string forms). */
    public Map<String, String> originals() {
        return originals;
    }

    /** Every resolved value, typed, keyed by topic key (null only for unset internal keys). */
    public Map<String, Object> values() {
        return values;
    }

    /** Where {@code key}'s value came from. */
    public Source source(String key) {
        Source s = sources.get(key);
        if (s == null) {
            throw new ConfigException(key, "unknown topic configuration key");
        }
        return s;
    }

    /** The string form of {@code key}'s resolved value, as DescribeConfigs shows it. */
    public String valueString(String key) {
        Object v = values.get(key);
        if (v instanceof List<?> list) {
            return String.join(",", list.stream().map(Object::toString).toList());
        }
        return v == null ? null : v.toString();
    }

    public List<String> cleanupPolicy() {
        return cleanupPolicy;
    }

    public boolean isCompacted() {
        return cleanupPolicy.contains(CLEANUP_POLICY_COMPACT);
    }

    public boolean isDeleteEnabled() {
        return cleanupPolicy.contains(CLEANUP_POLICY_DELETE);
    }

    /** The codec batches must be stored in, or null for {@code producer} (keep the producer's). */
    public CompressionType compression() {
        return compression;
    }

    /** The level for {@link #compression()}, from compression.&lt;codec&gt;.level. */
    public int compressionLevel() {
        return compressionLevel;
    }

    public long fileDeleteDelayMs() {
        return fileDeleteDelayMs;
    }

    public long flushMessages() {
        return flushMessages;
    }

    public long flushMs() {
        return flushMs;
    }

    public int indexIntervalBytes() {
        return indexIntervalBytes;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    public long messageTimestampAfterMaxMs() {
        return timestampAfterMaxMs;
    }

    public long messageTimestampBeforeMaxMs() {
        return timestampBeforeMaxMs;
    }

    public boolean isLogAppendTime() {
        return logAppendTime;
    }

    public int minInsyncReplicas() {
        return minInsyncReplicas;
    }

    public long retentionBytes() {
        return retentionBytes;
    }

    public long retentionMs() {
        return retentionMs;
    }

    /** segment.bytes, or internal.segment.bytes when set. */
    public int segmentBytes() {
        return segmentBytes;
    }

    public int segmentIndexBytes() {
        return segmentIndexBytes;
    }

    public long segmentJitterMs() {
        return segmentJitterMs;
    }

    public long segmentMs() {
        return segmentMs;
    }

    /** The age at which the active segment rolls: segment.ms, or max.compaction.lag.ms when smaller on a compacted log. */
    public long maxSegmentMs() {
        return maxSegmentMs;
    }

    public long deleteRetentionMs() {
        return longValue(DELETE_RETENTION_MS);
    }

    public double minCleanableDirtyRatio() {
        return (Double) values.get(MIN_CLEANABLE_DIRTY_RATIO);
    }

    public long minCompactionLagMs() {
        return longValue(MIN_COMPACTION_LAG_MS);
    }

    public long maxCompactionLagMs() {
        return longValue(MAX_COMPACTION_LAG_MS);
    }

    public boolean uncleanLeaderElectionEnable() {
        return (Boolean) values.get(UNCLEAN_LEADER_ELECTION_ENABLE);
    }

    public boolean preallocate() {
        return (Boolean) values.get(PREALLOCATE);
    }

    /** What {@link BatchValidator} needs from this config. */
    public BatchValidator.Rules validationRules() {
        return validationRules;
    }

    @Override
    public String toString() {
        return "LogConfig" + originals;
    }

}
