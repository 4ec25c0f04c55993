package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.millrace.broker.server.MillraceServer;
import dev.millrace.connect.postgres.TopicReader.Event;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change events as a Debezium user reads them: a real PostgreSQL, the task writing through a real broker with the
 * runtime's JsonConverter (schemas enabled), and a kafka-clients consumer parsing the JSON. Covers every mapped
 * type in snapshot and streaming form, the envelope and source block, REPLICA IDENTITY FULL before images,
 * primary-key changes, deletes with tombstones, truncates and the unchanged-TOAST placeholder.
 */
class PostgresChangeEventsTest {
    private static final String INSERT_VALUES = "(%d, -7, 9000000000, 12345.678, 3.14159, 1.5, 2.25, true, 'hello',"
            + " 'var', 'ab', '\\x00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": 1}', '{\"b\": [1, 2]}',"
            + " '2024-02-29', '13:45:30.123456', '2024-02-29 13:45:30.5', '2024-02-29 13:45:30.5+02',"
            + " '1 year 2 mons 3 days 04:05:06.5', '{1,2,NULL}', '{\"a b\",\"c\\\"d\"}', 'green', 'req')";

    @TempDir
    static Path dir;
    private static PostgresServer pg;
    private static MillraceServer broker;
    private static TaskRunner runner;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.start();
        broker = CdcTestSupport.broker(dir);
        pg.sql("CREATE DATABASE shop");
        pg.sqlIn("shop", "CREATE TYPE color AS ENUM ('red', 'green', 'blue')",
                "CREATE TABLE all_types (id int PRIMARY KEY, i2 smallint, i8 bigint, n numeric(10,3), nv numeric,"
                        + " f4 real, f8 double precision, b boolean, t text, vc varchar(20), c char(5), by bytea,"
                        + " u uuid, j json, jb jsonb, d date, tm time, ts timestamp, tstz timestamptz, iv interval,"
                        + " arr int[], tarr text[], e color, req text NOT NULL)",
                "CREATE TABLE full_t (id int PRIMARY KEY, v text)",
                "ALTER TABLE full_t REPLICA IDENTITY FULL",
                "CREATE TABLE docs (id int PRIMARY KEY, body text, n int)",
                "ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL",
                "CREATE TABLE ignored (id int PRIMARY KEY)",
                "INSERT INTO all_types VALUES " + INSERT_VALUES.formatted(1),
                "INSERT INTO all_types (id, req) VALUES (3, 'only')");
        Map<String, String> config = CdcTestSupport.config(pg, "shop", "srv");
        config.put("table.include.list", "public\\.all_types,public\\.full_t,public\\.docs");
        runner = new TaskRunner(broker.bootstrapServers(), config, dir.resolve("offsets.json"));
        // changes made from here on are streamed, not read by the snapshot
        CdcTestSupport.await("the streaming phase", 60_000, () -> runner.failure() != null
                || "streaming".equals(runner.progress().get("phase")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (runner != null) {
            runner.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void everyTypeRoundTripsInSnapshotAndStreamingEvents() throws Exception {
        pg.sqlIn("shop", "INSERT INTO all_types VALUES " + INSERT_VALUES.formatted(2));
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), "srv.public.all_types", runner::failure)) {
            java.util.function.Predicate<Event> row2 = x -> "c".equals(x.op()) && x.after().get("id").asInt() == 2;
            List<Event> events = reader.readUntil(e -> e.stream().anyMatch(row2), 30_000);
            Event read = events.stream().filter(e -> "r".equals(e.op()) && e.after().get("id").asInt() == 1)
                    .findFirst().orElseThrow();
            Event created = events.stream().filter(row2).findFirst().orElseThrow();
            for (Event e : List.of(read, created)) {
                assertAllTypes(e);
            }
            Event nulls = events.stream().filter(e -> "r".equals(e.op()) && e.after().get("id").asInt() == 3)
                    .findFirst().orElseThrow();
            assertTrue(nulls.after().get("t").isNull(), "SQL NULL is JSON null");
            assertTrue(nulls.after().get("arr").isNull());

            JsonNode key = created.key();
            assertEquals("srv.public.all_types.Key", key.get("schema").get("name").asText());
            assertEquals(2, key.get("payload").get("id").asInt());
            assertEquals(1, key.get("payload").size(), "the key holds the primary key columns only");

            JsonNode schema = created.value().get("schema");
            assertEquals("srv.public.all_types.Envelope", schema.get("name").asText());
            assertEquals(List.of("before", "after", "source", "transaction", "op", "ts_ms", "ts_us", "ts_ns"),
                    fieldNames(schema));
            assertEquals("srv.public.all_types.Value", field(schema, "after").get("name").asText());
            assertTrue(field(schema, "before").get("optional").asBoolean());

            JsonNode source = created.payload().get("source");
            assertEquals("io.debezium.connector.postgresql.Source", field(schema, "source").get("name").asText());
            assertEquals(List.of("version", "connector", "name", "ts_ms", "snapshot", "db", "sequence", "ts_us",
                    "ts_ns", "schema", "table", "txId", "lsn", "xmin"), fieldNames(field(schema, "source")));
            assertEquals("postgresql", source.get("connector").asText());
            assertEquals("srv", source.get("name").asText());
            assertEquals("shop", source.get("db").asText());
            assertEquals("public", source.get("schema").asText());
            assertEquals("all_types", source.get("table").asText());
            assertEquals("false", source.get("snapshot").asText());
            assertTrue(source.get("txId").asLong() > 0);
            assertTrue(source.get("lsn").asLong() > 0);
            assertTrue(source.get("sequence").asText().matches("\\[\"\\d+\",\"\\d+\"]"), source.get("sequence").asText());
            assertTrue(created.payload().get("transaction").isNull());
            assertTrue(created.payload().get("before").isNull(), "an insert has no before image");
            assertEquals(source.get("ts_ms").asLong() * 1000, source.get("ts_us").asLong() / 1000 * 1000);

            JsonNode readSource = read.payload().get("source");
            assertTrue(List.of("first", "true", "last", "first_in_data_collection", "last_in_data_collection")
                    .contains(readSource.get("snapshot").asText()));
        }
    }

    private static void assertAllTypes(Event e) {
        JsonNode after = e.after();
        JsonNode schema = field(e.value().get("schema"), "after");
        assertType(schema, "i2", "int16", null);
        assertEquals(-7, after.get("i2").asInt());
        assertType(schema, "i8", "int64", null);
        assertEquals(9_000_000_000L, after.get("i8").asLong());
        assertType(schema, "n", "bytes", "org.apache.kafka.connect.data.Decimal");
        assertEquals("3", field(schema, "n").get("parameters").get("scale").asText());
        assertEquals(new BigDecimal("12345.678"),
                new BigDecimal(new BigInteger(Base64.getDecoder().decode(after.get("n").asText())), 3));
        assertType(schema, "nv", "struct", "io.debezium.data.VariableScaleDecimal");
        assertEquals(5, after.get("nv").get("scale").asInt());
        assertEquals(new BigDecimal("3.14159"), new BigDecimal(new BigInteger(
                Base64.getDecoder().decode(after.get("nv").get("value").asText())), 5));
        assertType(schema, "f4", "float", null);
        assertEquals(1.5, after.get("f4").asDouble());
        assertType(schema, "f8", "double", null);
        assertEquals(2.25, after.get("f8").asDouble());
        assertType(schema, "b", "boolean", null);
        assertTrue(after.get("b").asBoolean());
        assertType(schema, "t", "string", null);
        assertEquals("hello", after.get("t").asText());
        assertEquals("var", after.get("vc").asText());
        assertEquals("ab   ", after.get("c").asText(), "char(n) keeps PostgreSQL's padding");
        assertType(schema, "by", "bytes", null);
        assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10}, Base64.getDecoder().decode(after.get("by").asText()));
        assertType(schema, "u", "string", "io.debezium.data.Uuid");
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", after.get("u").asText());
        assertType(schema, "j", "string", "io.debezium.data.Json");
        assertEquals("{\"a\": 1}", after.get("j").asText());
        assertType(schema, "jb", "string", "io.debezium.data.Json");
        assertEquals("{\"b\": [1, 2]}", after.get("jb").asText());
        assertType(schema, "d", "int32", "io.debezium.time.Date");
        assertEquals(LocalDate.of(2024, 2, 29).toEpochDay(), after.get("d").asLong());
        assertType(schema, "tm", "int64", "io.debezium.time.MicroTime");
        assertEquals((13 * 3600 + 45 * 60 + 30) * 1_000_000L + 123_456, after.get("tm").asLong());
        assertType(schema, "ts", "int64", "io.debezium.time.MicroTimestamp");
        assertEquals(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 500_000_000).toEpochSecond(ZoneOffset.UTC) * 1_000_000
                + 500_000, after.get("ts").asLong());
        assertType(schema, "tstz", "string", "io.debezium.time.ZonedTimestamp");
        assertEquals("2024-02-29T11:45:30.5Z", after.get("tstz").asText());
        assertType(schema, "iv", "int64", "io.debezium.time.MicroDuration");
        double days = 14 * (365.25 / 12) + 3;
        assertEquals(Math.round((days * 86_400 + 4 * 3600 + 5 * 60 + 6.5) * 1_000_000), after.get("iv").asLong());
        assertType(schema, "arr", "array", null);
        assertEquals("int32", field(schema, "arr").get("items").get("type").asText());
        assertEquals("[1,2,null]", after.get("arr").toString());
        assertEquals("[\"a b\",\"c\\\"d\"]", after.get("tarr").toString());
        assertType(schema, "e", "string", "io.debezium.data.Enum");
        assertEquals("red,green,blue", field(schema, "e").get("parameters").get("allowed").asText());
        assertEquals("green", after.get("e").asText());
        assertTrue(field(schema, "t").get("optional").asBoolean(), "nullable column is optional");
        assertTrue(!field(schema, "req").get("optional").asBoolean(), "NOT NULL column is required");
        assertTrue(!field(schema, "id").get("optional").asBoolean(), "primary key column is required");
    }

    @Test
    void updatesCarryBeforeImagesAsReplicaIdentitySaysAndDeletesAreFollowedByTombstones() throws Exception {
        pg.sqlIn("shop", "INSERT INTO full_t VALUES (1, 'one'), (2, 'two')");
        pg.sqlIn("shop", "UPDATE full_t SET v = 'uno' WHERE id = 1",
                "DELETE FROM full_t WHERE id = 2",
                "INSERT INTO all_types (id, t, req) VALUES (10, 'ten', 'r')",
                "UPDATE all_types SET t = 'TEN' WHERE id = 10",
                "UPDATE all_types SET id = 11 WHERE id = 10",
                "DELETE FROM all_types WHERE id = 11");
        try (TopicReader full = new TopicReader(broker.bootstrapServers(), "srv.public.full_t", runner::failure)) {
            List<Event> e = full.readAtLeast(5, 30_000);
            assertEquals(List.of("c", "c", "u", "d"), e.subList(0, 4).stream().map(Event::op).toList());
            Event update = e.get(2);
            assertEquals("one", update.before().get("v").asText(), "REPLICA IDENTITY FULL: the old row");
            assertEquals("uno", update.after().get("v").asText());
            Event delete = e.get(3);
            assertEquals("two", delete.before().get("v").asText());
            assertTrue(delete.after().isNull());
            Event tombstone = e.get(4);
            assertNull(tombstone.value(), "a delete is followed by a tombstone");
            assertEquals(delete.key(), tombstone.key());
        }
        try (TopicReader def = new TopicReader(broker.bootstrapServers(), "srv.public.all_types", runner::failure)) {
            List<Event> all = def.readUntil(e -> e.stream().filter(x -> x.value() == null).count() >= 2, 30_000);
            List<Event> e = all.stream().filter(x -> x.key().get("payload").get("id").asInt() >= 10).toList();
            assertEquals(List.of("c", "u", "d", "tombstone", "c", "d", "tombstone"),
                    e.stream().map(x -> x.value() == null ? "tombstone" : x.op()).toList());
            assertTrue(e.get(1).before().isNull(), "DEFAULT identity, key unchanged: before is null");
            assertEquals("TEN", e.get(1).after().get("t").asText());
            // the key changed: a delete of the old key (its before image holds the key), a tombstone, a create
            assertEquals(10, e.get(2).before().get("id").asInt());
            assertEquals(10, e.get(3).key().get("payload").get("id").asInt());
            assertEquals(11, e.get(4).after().get("id").asInt());
            assertEquals("TEN", e.get(4).after().get("t").asText());
            assertEquals(11, e.get(5).before().get("id").asInt());
        }
    }

    @Test
    void truncateIsOpTAndUnchangedToastValuesAreMarkedNotInvented() throws Exception {
        String body = "doc-" + new java.util.Random(7).ints(30_000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        pg.sqlIn("shop", "INSERT INTO docs VALUES (1, '" + body + "', 1)");
        pg.sqlIn("shop", "UPDATE docs SET n = 2 WHERE id = 1", "TRUNCATE docs");
        try (TopicReader docs = new TopicReader(broker.bootstrapServers(), "srv.public.docs", runner::failure)) {
            List<Event> e = docs.readAtLeast(3, 30_000);
            assertEquals(List.of("c", "u", "t"), e.stream().map(Event::op).toList());
            assertEquals(body, e.get(0).after().get("body").asText());
            assertEquals("__debezium_unavailable_value", e.get(1).after().get("body").asText(),
                    "the unchanged TOASTed value was not sent and is marked with Debezium's placeholder");
            assertEquals(2, e.get(1).after().get("n").asInt());
            assertTrue(e.get(2).payload().get("before").isNull() && e.get(2).payload().get("after").isNull());
            assertNull(e.get(2).key(), "a truncate has no key");
            assertEquals("docs", e.get(2).payload().get("source").get("table").asText());
        }
        assertNull(runner.failure(), () -> "task failed: " + runner.failure());
    }

    @Test
    void snapshotAndStreamingProgressIsPublished() throws Exception {
        Map<String, Object> progress = runner.progress();
        assertEquals("streaming", progress.get("phase"));
        @SuppressWarnings("unchecked")
        Map<String, Object> rows = (Map<String, Object>) progress.get("snapshot_rows");
        assertEquals(2L, ((Number) rows.get("public.all_types")).longValue());
        assertEquals(0L, ((Number) rows.get("public.docs")).longValue());
        assertTrue(!rows.containsKey("public.ignored"), "tables outside table.include.list are not read");
        pg.sqlIn("shop", "INSERT INTO all_types (id, req) VALUES (5, 'progress')");
        CdcTestSupport.await("streaming figures in the progress", 30_000, () -> {
            Map<String, Object> p = runner.progress();
            return p.get("streamed_records") instanceof Number n && n.longValue() > 0
                    && !"0/0".equals(p.get("confirmed_lsn")) && !"0/0".equals(p.get("last_commit_lsn"));
        });
    }

    private static void assertType(JsonNode structSchema, String field, String type, String name) {
        JsonNode f = field(structSchema, field);
        assertEquals(type, f.get("type").asText(), field + " type");
        if (name != null) {
            assertEquals(name, f.get("name").asText(), field + " logical name");
        }
    }

    static JsonNode field(JsonNode structSchema, String name) {
        for (JsonNode f : structSchema.get("fields")) {
            if (f.get("field").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no field " + name + " in " + structSchema);
    }

    static List<String> fieldNames(JsonNode structSchema) {
        List<String> out = new java.util.ArrayList<>();
        structSchema.get("fields").forEach(f -> out.add(f.get("field").asText()));
        return out;
    }
}
