package dev.millrace.connect.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.millrace.connect.data.Date;
import dev.millrace.connect.data.Decimal;
import dev.millrace.connect.data.Schema;
import dev.millrace.connect.data.SchemaAndValue;
import dev.millrace.connect.data.SchemaBuilder;
import dev.millrace.connect.data.Struct;
import dev.millrace.connect.data.Time;
import dev.millrace.connect.data.Timestamp;
import dev.millrace.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our JsonConverter against Kafka Connect's own (connect-json 4.4.0, test scope only): for every case the bytes
 * both write must parse to equal JSON trees, with schemas enabled and disabled, and for both decimal formats.
 */
class JsonConverterOracleTest {
    private static final ObjectMapper TREES = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private record Case(String name, Schema schema, Object value) {
    }

    private static final Schema ADDRESS = SchemaBuilder.struct().name("shop.Address").optional()
            .field("street", Schema.STRING_SCHEMA)
            .field("zip", Schema.OPTIONAL_INT32_SCHEMA)
            .build();

    private static final Schema EVERYTHING = SchemaBuilder.struct().name("shop.Order").version(2).doc("an order")
            .parameter("origin", "test")
            .field("i8", Schema.INT8_SCHEMA)
            .field("i16", Schema.INT16_SCHEMA)
            .field("i32", Schema.INT32_SCHEMA)
            .field("i64", Schema.INT64_SCHEMA)
            .field("f32", Schema.FLOAT32_SCHEMA)
            .field("f64", Schema.FLOAT64_SCHEMA)
            .field("flag", Schema.BOOLEAN_SCHEMA)
            .field("text", Schema.STRING_SCHEMA)
            .field("raw", Schema.BYTES_SCHEMA)
            .field("maybe", Schema.OPTIONAL_STRING_SCHEMA)
            .field("withDefault", SchemaBuilder.int32().optional().defaultValue(42).build())
            .field("price", Decimal.builder(2).optional().build())
            .field("day", Date.builder().optional().build())
            .field("clock", Time.builder().optional().build())
            .field("at", Timestamp.builder().optional().build())
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())
            .field("byId", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA).build())
            .field("address", ADDRESS)
            .field("history", SchemaBuilder.array(ADDRESS).optional().build())
            .build();

    /** Defaults of several types, written into the schema's JSON and used for the unset fields. */
    private static final Schema WITH_DEFAULTS = SchemaBuilder.struct().name("shop.Defaults")
            .field("n", SchemaBuilder.int64().optional().defaultValue(-7L).build())
            .field("f", SchemaBuilder.float32().optional().defaultValue(0.1f).build())
            .field("raw", SchemaBuilder.bytes().optional().defaultValue(new byte[] {1, 2, 3}).build())
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().defaultValue(List.of("a", "b")).build())
            .field("price", Decimal.builder(3).optional().defaultValue(new BigDecimal("2.000")).build())
            .field("on", Timestamp.builder().optional().defaultValue(new java.util.Date(86_400_001L)).build())
            .build();

    private static Struct everything(boolean nullsEverywhere) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("a", 1L);
        counts.put("b", -2L);
        Map<Integer, String> byId = new LinkedHashMap<>();
        byId.put(7, "seven");
        byId.put(-1, null);
        Struct s = new Struct(EVERYTHING)
                .put("i8", (byte) -8).put("i16", (short) 1600).put("i32", Integer.MIN_VALUE)
                .put("i64", Long.MAX_VALUE).put("f32", 1.25f).put("f64", -3.0e-10)
                .put("flag", true).put("text", "héllo \"quoted\" \n line").put("raw", new byte[] {0, 1, -1, 127})
                .put("tags", List.of("x", "y")).put("counts", counts).put("byId", byId);
        if (!nullsEverywhere) {
            s.put("maybe", "present").put("withDefault", 5).put("price", new BigDecimal("-1234567.89"))
                    .put("day", new java.util.Date(19_723L * 86_400_000L)).put("clock", new java.util.Date(45_296_789))
                    .put("at", new java.util.Date(1_704_067_200_123L))
                    .put("address", new Struct(ADDRESS).put("street", "Main St").put("zip", 12345))
                    .put("history", List.of(new Struct(ADDRESS).put("street", "Old Rd")));
        }
        return s;
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("int8", Schema.INT8_SCHEMA, (byte) 3));
        cases.add(new Case("int16", Schema.INT16_SCHEMA, (short) -300));
        cases.add(new Case("int32", Schema.INT32_SCHEMA, 123456));
        cases.add(new Case("int64", Schema.INT64_SCHEMA, -9_876_543_210L));
        cases.add(new Case("float32", Schema.FLOAT32_SCHEMA, 3.5f));
        cases.add(new Case("float64", Schema.FLOAT64_SCHEMA, 2.718281828459045));
        cases.add(new Case("boolean", Schema.BOOLEAN_SCHEMA, false));
        cases.add(new Case("string", Schema.STRING_SCHEMA, "plain ✓"));
        cases.add(new Case("bytes", Schema.BYTES_SCHEMA, "binary".getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case("bytebuffer", Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {9, 8, 7})));
        cases.add(new Case("optional null", Schema.OPTIONAL_STRING_SCHEMA, null));
        cases.add(new Case("null takes default", SchemaBuilder.string().optional().defaultValue("dflt").build(), null));
        cases.add(new Case("decimal", Decimal.schema(3), new BigDecimal("0.001")));
        cases.add(new Case("negative decimal", Decimal.schema(0), new BigDecimal("-129")));
        cases.add(new Case("decimal with trailing zeros", Decimal.schema(3), new BigDecimal("12.500")));
        cases.add(new Case("date", Date.SCHEMA, new java.util.Date(-86_400_000L)));
        cases.add(new Case("time", Time.SCHEMA, new java.util.Date(1)));
        cases.add(new Case("timestamp", Timestamp.SCHEMA, new java.util.Date(0)));
        cases.add(new Case("array of arrays", SchemaBuilder.array(SchemaBuilder.array(Schema.INT32_SCHEMA).build()).build(),
                List.of(List.of(1, 2), List.of())));
        cases.add(new Case("map of structs", SchemaBuilder.map(Schema.STRING_SCHEMA, ADDRESS).build(),
                Map.of("home", new Struct(ADDRESS).put("street", "Elm"))));
        cases.add(new Case("struct, every field set", EVERYTHING, everything(false)));
        cases.add(new Case("struct, optional fields null", EVERYTHING, everything(true)));
        cases.add(new Case("schemaless string", null, "s"));
        cases.add(new Case("schemaless map", null, new LinkedHashMap<>(Map.of("k", List.of(1L, "two", true)))));
        cases.add(new Case("schemaless map with int keys", null, new LinkedHashMap<>(Map.of(1, 2))));
        cases.add(new Case("schemaless list with nulls", null, Arrays.asList(1L, null, "x", null)));
        Map<String, Object> nullValues = new LinkedHashMap<>();
        nullValues.put("a", null);
        nullValues.put("b", List.of());
        cases.add(new Case("schemaless map with null values", null, nullValues));
        Map<Object, Object> nullKeys = new LinkedHashMap<>();
        nullKeys.put("null", 1);
        nullKeys.put("b", null);
        nullKeys.put(null, 3); // the same key text as "null": the first one's place, the last one's value
        cases.add(new Case("map with a null key and a key named null",
                SchemaBuilder.map(Schema.OPTIONAL_STRING_SCHEMA, Schema.OPTIONAL_INT32_SCHEMA).build(), nullKeys));
        Map<Object, Object> defaultKey = new LinkedHashMap<>();
        defaultKey.put(null, 1);
        defaultKey.put("z", 2);
        cases.add(new Case("map with a null key that takes its default",
                SchemaBuilder.map(SchemaBuilder.string().optional().defaultValue("k").build(), Schema.INT32_SCHEMA)
                        .build(), defaultKey));
        cases.add(new Case("float and double edge values", SchemaBuilder.array(Schema.FLOAT64_SCHEMA).build(),
                List.of(0.0, -0.0, 1e300, 4.9e-324, 1.0, 123456789.125)));
        cases.add(new Case("strings that need escaping", SchemaBuilder.array(Schema.STRING_SCHEMA).build(),
                List.of("", "\u0000\u001f\t\"\\/", "\u00e9\u4e2d\ud83d\ude00", "</script>")));
        cases.add(new Case("struct with defaults in its schema", WITH_DEFAULTS, new Struct(WITH_DEFAULTS)));
        Schema oddNames = SchemaBuilder.struct().name("odd names")
                .field("quote\"d", Schema.INT32_SCHEMA).field("tab\tand\\back", Schema.OPTIONAL_STRING_SCHEMA)
                .field("\u0001ctl", Schema.BOOLEAN_SCHEMA).field("na\u00efve \u2713 \ud83d\ude00", Schema.INT64_SCHEMA)
                .field("</script>", Schema.OPTIONAL_INT32_SCHEMA).build();
        cases.add(new Case("field names that need escaping or are not ASCII", oddNames, new Struct(oddNames)
                .put("quote\"d", 1).put("\u0001ctl", true).put("na\u00efve \u2713 \ud83d\ude00", 2L)));
        cases.add(new Case("a decimal's default", Decimal.builder(2).optional()
                .defaultValue(new BigDecimal("1.50")).build(), null));
        return cases;
    }

    private static void compareAll(Map<String, Object> config) throws Exception {
        JsonConverter ours = new JsonConverter();
        ours.configure(config, false);
        org.apache.kafka.connect.json.JsonConverter theirs = new org.apache.kafka.connect.json.JsonConverter();
        theirs.configure(config, false);
        int compared = 0;
        for (Case c : cases()) {
            byte[] expected = theirs.fromConnectData("t", KafkaConnectMirror.schema(c.schema()),
                    KafkaConnectMirror.value(c.schema(), c.value()));
            byte[] actual = ours.fromConnectData("t", c.schema(), c.value());
            JsonNode expectedTree = TREES.readTree(expected);
            JsonNode actualTree = TREES.readTree(actual);
            assertEquals(expectedTree, actualTree, c.name() + " with " + config + "\n expected "
                    + new String(expected, StandardCharsets.UTF_8) + "\n actual   "
                    + new String(actual, StandardCharsets.UTF_8));
            assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8),
                    c.name() + ": the same bytes, not only the same tree");
            compared++;
        }
        assertEquals(cases().size(), compared);
    }

    @Test
    void matchesKafkaConnectWithSchemas() throws Exception {
        compareAll(Map.of("schemas.enable", "true"));
    }

    @Test
    void matchesKafkaConnectWithoutSchemas() throws Exception {
        compareAll(Map.of("schemas.enable", "false"));
    }

    @Test
    void matchesKafkaConnectWithNumericDecimals() throws Exception {
        compareAll(Map.of("schemas.enable", "true", "decimal.format", "NUMERIC"));
    }

    @Test
    void matchesKafkaConnectWithoutReplacingNullsByDefaults() throws Exception {
        compareAll(Map.of("schemas.enable", "true", "replace.null.with.default", "false"));
        compareAll(Map.of("schemas.enable", "false", "replace.null.with.default", "false"));
    }

    @Test
    void schemaServedFromTheCacheStillMatchesKafkaConnect() {
        JsonConverter ours = new JsonConverter();
        ours.configure(Map.of(), false);
        org.apache.kafka.connect.json.JsonConverter theirs = new org.apache.kafka.connect.json.JsonConverter();
        theirs.configure(Map.of(), false);
        // the same schemas again and again (cache hits), interleaved, and an equal schema built separately
        List<Case> sequence = List.of(new Case("full", EVERYTHING, everything(false)),
                new Case("address", ADDRESS, new Struct(ADDRESS).put("street", "Elm")),
                new Case("nulls", EVERYTHING, everything(true)),
                new Case("full again", EVERYTHING, everything(false)),
                new Case("int64 built anew", SchemaBuilder.int64().build(), 42L),
                new Case("int64", Schema.INT64_SCHEMA, 43L));
        for (Case c : sequence) {
            byte[] expected = theirs.fromConnectData("t", KafkaConnectMirror.schema(c.schema()),
                    KafkaConnectMirror.value(c.schema(), c.value()));
            byte[] actual = ours.fromConnectData("t", c.schema(), c.value());
            assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8),
                    c.name());
        }
    }

    @Test
    void aFailedConversionLeavesNothingBehindForTheNextRecord() {
        JsonConverter ours = new JsonConverter();
        ours.configure(Map.of(), false);
        org.apache.kafka.connect.json.JsonConverter theirs = new org.apache.kafka.connect.json.JsonConverter();
        theirs.configure(Map.of(), false);
        Struct address = new Struct(ADDRESS).put("street", "Elm");
        byte[] expected = theirs.fromConnectData("t", KafkaConnectMirror.schema(ADDRESS),
                KafkaConnectMirror.value(ADDRESS, address));
        assertEquals(new String(expected, StandardCharsets.UTF_8),
                new String(ours.fromConnectData("t", ADDRESS, address), StandardCharsets.UTF_8));
        // fails in the middle of the payload: the second element is a number where the schema says string
        Schema strings = SchemaBuilder.array(Schema.STRING_SCHEMA).build();
        List<Object> broken = List.of("x", 7);
        assertEquals(assertThrows(org.apache.kafka.connect.errors.DataException.class,
                () -> theirs.fromConnectData("t", KafkaConnectMirror.schema(strings), broken)).getMessage(),
                assertThrows(DataException.class, () -> ours.fromConnectData("t", strings, broken)).getMessage());
        assertEquals(new String(expected, StandardCharsets.UTF_8),
                new String(ours.fromConnectData("t", ADDRESS, address), StandardCharsets.UTF_8));
    }

    @Test
    void nullWithoutSchemaIsATombstoneLikeKafkaConnect() {
        JsonConverter ours = new JsonConverter();
        ours.configure(Map.of(), false);
        org.apache.kafka.connect.json.JsonConverter theirs = new org.apache.kafka.connect.json.JsonConverter();
        theirs.configure(Map.of(), false);
        assertNull(theirs.fromConnectData("t", null, null));
        assertNull(ours.fromConnectData("t", null, null));
    }

    @Test
    void readsBackWhatKafkaConnectWrites() {
        org.apache.kafka.connect.json.JsonConverter theirs = new org.apache.kafka.connect.json.JsonConverter();
        theirs.configure(Map.of(), false);
        JsonConverter ours = new JsonConverter();
        ours.configure(Map.of(), false);
        Struct original = everything(false);
        byte[] written = theirs.fromConnectData("t", KafkaConnectMirror.schema(EVERYTHING),
                KafkaConnectMirror.value(EVERYTHING, original));
        SchemaAndValue read = ours.toConnectData("t", written);
        assertEquals(EVERYTHING, read.schema());
        Struct back = (Struct) read.value();
        assertEquals(original.getString("text"), back.getString("text"));
        assertEquals(new BigDecimal("-1234567.89"), back.get("price"));
        assertEquals(original.get("at"), back.get("at"));
        assertTrue(Arrays.equals(original.getBytes("raw"), back.getBytes("raw")));
        assertEquals(original, back);
    }
}
