package dev.millrace.connect.postgres.event;

import dev.millrace.connect.data.Schema;
import dev.millrace.connect.data.SchemaBuilder;
import dev.millrace.connect.data.Struct;
import dev.millrace.connect.source.SourceRecord;
import java.util.Map;

/** Builds the connector's records: change events in Debezium's envelope, tombstones, truncates and heartbeats. */
public final class ChangeEvents {
    private static final Schema HEARTBEAT_KEY = SchemaBuilder.struct()
            .name("io.debezium.connector.common.ServerNameKey").version(1)
            .field("serverName", Schema.STRING_SCHEMA).build();
    private static final Schema HEARTBEAT_VALUE = SchemaBuilder.struct()
            .name("io.debezium.connector.common.Heartbeat").version(1)
            .field("ts_ms", Schema.INT64_SCHEMA).build();

    private final SourceInfo sourceInfo;
    private final String serverName;
    private final Map<String, String> partition;

    public ChangeEvents(SourceInfo sourceInfo, String serverName) {
        this.sourceInfo = sourceInfo;
        this.serverName = serverName;
        this.partition = Map.of("server", serverName);
    }

    /** Debezium's source partition: {"server": topic.prefix}. */
    public Map<String, String> partition() {
        return partition;
    }

    /** A change event: op "c", "u", "d" or "r"; before/after may be null. */
    public SourceRecord change(TableSchema table, String op, Struct before, Struct after, Struct source,
                               Map<String, ?> offset) {
        long nowMicros = nowMicros();
        Struct envelope = new Struct(table.envelopeSchema())
                .put(table.envelopeField(TableSchema.BEFORE), before)
                .put(table.envelopeField(TableSchema.AFTER), after)
                .put(table.envelopeField(TableSchema.SOURCE), source)
                .put(table.envelopeField(TableSchema.OP), op)
                .put(table.envelopeField(TableSchema.TS_MS), nowMicros / 1000)
                .put(table.envelopeField(TableSchema.TS_US), nowMicros)
                .put(table.envelopeField(TableSchema.TS_NS), nowMicros * 1000);
        Struct key = table.key(after != null ? after : before);
        return new SourceRecord(partition, offset, table.topic(), null, table.keySchema(), key,
                table.envelopeSchema(), envelope, Math.floorDiv(source.getInt64("ts_us"), 1000));
    }

    /** The tombstone that follows a delete, so compaction can drop the key. */
    public SourceRecord tombstone(SourceRecord delete) {
        return new SourceRecord(partition, delete.sourceOffset(), delete.topic(), null, delete.keySchema(),
                delete.key(), null, null, delete.timestamp());
    }

    /** A truncate event (op "t"): no key, no before or after. */
    public SourceRecord truncate(TableSchema table, Struct source, Map<String, ?> offset) {
        long nowMicros = nowMicros();
        Struct envelope = new Struct(table.envelopeSchema())
                .put("source", source)
                .put("op", "t")
                .put("ts_ms", nowMicros / 1000)
                .put("ts_us", nowMicros)
                .put("ts_ns", nowMicros * 1000);
        return new SourceRecord(partition, offset, table.topic(), null, null, null, table.envelopeSchema(),
                envelope, Math.floorDiv(source.getInt64("ts_us"), 1000));
    }

    /** A heartbeat on {@code __debezium-heartbeat.<prefix>}, carrying the offset it lets the connector confirm. */
    public SourceRecord heartbeat(Map<String, ?> offset) {
        long nowMs = System.currentTimeMillis();
        return new SourceRecord(partition, offset, "__debezium-heartbeat." + serverName, null, HEARTBEAT_KEY,
                new Struct(HEARTBEAT_KEY).put("serverName", serverName), HEARTBEAT_VALUE,
                new Struct(HEARTBEAT_VALUE).put("ts_ms", nowMs), nowMs);
    }

    public SourceInfo sourceInfo() {
        return sourceInfo;
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
