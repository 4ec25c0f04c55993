package dev.millrace.connect.postgres.event;

import dev.millrace.connect.data.Schema;
import dev.millrace.connect.data.SchemaBuilder;
import dev.millrace.connect.data.Struct;

/**
 * The {@code source} block of every change event, with the field names, order and optionality of Debezium's
 * PostgreSQL connector ({@code io.debezium.connector.postgresql.Source}).
 */
public final class SourceInfo {
    /** Debezium's snapshot marker values (io.debezium.data.Enum "allowed"). */
    public static final String SNAPSHOT_VALUES =
            "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental";

    public static final Schema SCHEMA = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .version(1)
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("snapshot", SchemaBuilder.string().name("io.debezium.data.Enum").version(1)
                    .parameter("allowed", SNAPSHOT_VALUES).defaultValue("false").optional().build())
            .field("db", Schema.STRING_SCHEMA)
            .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .field("xmin", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private final String version;
    private final String serverName;
    private final String database;

    public SourceInfo(String version, String serverName, String database) {
        this.version = version;
        this.serverName = serverName;
        this.database = database;
    }

    /**
     * A source block. {@code tsMicros} is the commit time (streaming) or the snapshot's read time; {@code
     * commitLsn} and {@code lsn} make Debezium's {@code sequence} ("[lastCommitLsn, lsn]" as strings).
     */
    public Struct struct(String snapshot, String schema, String table, long tsMicros, Long txId, Long commitLsn,
                         Long lsn) {
        Struct s = new Struct(SCHEMA)
                .put("version", version)
                .put("connector", "postgresql")
                .put("name", serverName)
                .put("ts_ms", Math.floorDiv(tsMicros, 1000))
                .put("snapshot", snapshot)
                .put("db", database)
                .put("ts_us", tsMicros)
                .put("ts_ns", tsMicros * 1000)
                .put("schema", schema)
                .put("table", table)
                .put("txId", txId)
                .put("lsn", lsn);
        if (lsn != null) {
            s.put("sequence", "[" + (commitLsn == null ? "null" : "\"" + commitLsn + "\"") + ",\"" + lsn + "\"]");
        }
        return s;
    }
}
