package dev.millrace.connect.postgres;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The connector's settings, with Debezium's PostgreSQL connector keys and defaults. Keys it does not know are
 * ignored, as Debezium ignores them; a value it cannot use is a problem naming its key.
 */
public final class PostgresConnectorConfig {
    public static final String HOSTNAME = "database.hostname";
    public static final String PORT = "database.port";
    public static final String USER = "database.user";
    public static final String PASSWORD = "database.password";
    public static final String DBNAME = "database.dbname";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String TABLE_INCLUDE_LIST = "table.include.list";
    public static final String TABLE_EXCLUDE_LIST = "table.exclude.list";
    public static final String SNAPSHOT_MODE = "snapshot.mode";
    public static final String SLOT_NAME = "slot.name";
    public static final String PUBLICATION_NAME = "publication.name";
    public static final String PUBLICATION_AUTOCREATE_MODE = "publication.autocreate.mode";
    public static final String PLUGIN_NAME = "plugin.name";
    public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
    public static final String MAX_BATCH_SIZE = "max.batch.size";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";

    /** snapshot.mode values. */
    public enum SnapshotMode { INITIAL, NEVER, ALWAYS, INITIAL_ONLY, NO_DATA }

    /** publication.autocreate.mode values. */
    public enum PublicationMode { ALL_TABLES, FILTERED, DISABLED }

    private final List<String> problems = new ArrayList<>();
    private final String hostname;
    private final int port;
    private final String user;
    private final String password;
    private final String dbname;
    private final String topicPrefix;
    private final List<Pattern> includes;
    private final List<Pattern> excludes;
    private final SnapshotMode snapshotMode;
    private final String slotName;
    private final String publicationName;
    private final PublicationMode publicationMode;
    private final long heartbeatIntervalMs;
    private final int maxBatchSize;
    private final long pollIntervalMs;

    public PostgresConnectorConfig(Map<String, String> props) {
        hostname = required(props, HOSTNAME);
        port = (int) number(props, PORT, 5432, 1, 65535);
        user = required(props, USER);
        password = props.getOrDefault(PASSWORD, "");
        dbname = required(props, DBNAME);
        topicPrefix = required(props, TOPIC_PREFIX);
        if (topicPrefix != null && !topicPrefix.matches("[A-Za-z0-9._-]+")) {
            problems.add(TOPIC_PREFIX + " '" + topicPrefix + "' may only contain letters, digits, '.', '_' and '-'");
        }
        includes = patterns(props, TABLE_INCLUDE_LIST);
        excludes = patterns(props, TABLE_EXCLUDE_LIST);
        snapshotMode = choice(props, SNAPSHOT_MODE, SnapshotMode.class, SnapshotMode.INITIAL);
        slotName = props.getOrDefault(SLOT_NAME, "debezium");
        if (!slotName.matches("[a-z0-9_]{1,63}")) {
            problems.add(SLOT_NAME + " '" + slotName + "' must be 1 to 63 lower-case letters, digits or '_'"
                    + " (PostgreSQL's rule for replication slot names)");
        }
        publicationName = props.getOrDefault(PUBLICATION_NAME, "dbz_publication");
        publicationMode = choice(props, PUBLICATION_AUTOCREATE_MODE, PublicationMode.class, PublicationMode.ALL_TABLES);
        String plugin = props.getOrDefault(PLUGIN_NAME, "pgoutput");
        if (!plugin.equals("pgoutput")) {
            problems.add(PLUGIN_NAME + " '" + plugin + "' is not supported: Millrace decodes PostgreSQL's built-in"
                    + " pgoutput plugin only; set plugin.name=pgoutput");
        }
        heartbeatIntervalMs = number(props, HEARTBEAT_INTERVAL_MS, 0, 0, Long.MAX_VALUE);
        maxBatchSize = (int) number(props, MAX_BATCH_SIZE, 2048, 1, 1_000_000);
        pollIntervalMs = number(props, POLL_INTERVAL_MS, 500, 1, Long.MAX_VALUE);
    }

    /** Problems with the configuration, each naming its key; empty when it is usable. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** True when the table {@code schema.table} is captured: included (or no include list) and not excluded. */
    public boolean captures(String schema, String table) {
        String id = schema + "." + table;
        if (!includes.isEmpty() && includes.stream().noneMatch(p -> p.matcher(id).matches())) {
            return false;
        }
        return excludes.stream().noneMatch(p -> p.matcher(id).matches());
    }

    public List<Pattern> includes() {
        return includes;
    }

    public String hostname() {
        return hostname;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String dbname() {
        return dbname;
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    public SnapshotMode snapshotMode() {
        return snapshotMode;
    }

    public String slotName() {
        return slotName;
    }

    public String publicationName() {
        return publicationName;
    }

    public PublicationMode publicationMode() {
        return publicationMode;
    }

    public long heartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }

    public long pollIntervalMs() {
        return pollIntervalMs;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostname + ":" + port + "/" + dbname;
    }

    /** "user@host:port/db", for messages. */
    public String describe() {
        return "'" + user + "' at " + hostname + ":" + port + "/" + dbname;
    }

    private String required(Map<String, String> props, String key) {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            problems.add(key + " is required");
            return null;
        }
        return v.trim();
    }

    private long number(Map<String, String> props, String key, long dflt, long min, long max) {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                problems.add(key + " '" + v + "' must be between " + min + " and " + max);
                return dflt;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(key + " '" + v + "' is not a number");
            return dflt;
        }
    }

    private <E extends Enum<E>> E choice(Map<String, String> props, String key, Class<E> type, E dflt) {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(key + " '" + v + "' must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            return dflt;
        }
    }

    private List<Pattern> patterns(Map<String, String> props, String key) {
        String v = props.get(key);
        List<Pattern> out = new ArrayList<>();
        if (v == null || v.isBlank()) {
            return out;
        }
        for (String part : v.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                out.add(Pattern.compile(part.trim()));
            } catch (PatternSyntaxException e) {
                problems.add(key + " entry '" + part.trim() + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        return out;
    }
}
