package dev.millrace.connect.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.millrace.connect.data.Schema;
import dev.millrace.connect.data.SchemaAndValue;
import dev.millrace.connect.errors.DataException;
import dev.millrace.connect.storage.Converter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kafka Connect's JSON format. Keys: {@code schemas.enable} (default true: wrap each value in
 * {@code {"schema":...,"payload":...}}), {@code decimal.format} (BASE64 default, or NUMERIC) and
 * {@code replace.null.with.default} (default true). A null value without schema becomes a null record value
 * (a tombstone).
 */
public final class JsonConverter implements Converter {
    public static final String SCHEMAS_ENABLE = "schemas.enable";
    public static final String DECIMAL_FORMAT = "decimal.format";
    public static final String REPLACE_NULL_WITH_DEFAULT = "replace.null.with.default";
    public static final String SCHEMAS_CACHE_SIZE = "schemas.cache.size";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.instance)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final byte[] SCHEMA_PREFIX = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD_PREFIX = ",\"payload\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);

    private boolean schemasEnabled = true;
    private JsonValues values = new JsonValues(DecimalFormat.BASE64, true);
    private JsonSchemas schemas = new JsonSchemas(values);
    /**
     * Each schema's JSON, already serialized: a task's records usually share a handful of schemas, and writing the
     * (often large) schema tree again for every record was the converter's main cost.
     */
    private Map<Schema, byte[]> schemaCache = lruCache(1000);
    private final AtomicReference<RecordWriter> idleWriter = new AtomicReference<>();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        schemasEnabled = bool(configs, SCHEMAS_ENABLE, true);
        Object format = configs.get(DECIMAL_FORMAT);
        DecimalFormat decimalFormat;
        try {
            decimalFormat = format == null ? DecimalFormat.BASE64
                    : DecimalFormat.valueOf(format.toString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DataException("Invalid value " + format + " for " + DECIMAL_FORMAT + ": use BASE64 or NUMERIC");
        }
        values = new JsonValues(decimalFormat, bool(configs, REPLACE_NULL_WITH_DEFAULT, true));
        schemas = new JsonSchemas(values);
        Object cacheSize = configs.get(SCHEMAS_CACHE_SIZE);
        try {
            schemaCache = lruCache(cacheSize == null ? 1000 : Integer.parseInt(cacheSize.toString().trim()));
        } catch (NumberFormatException e) {
            throw new DataException("Invalid value " + cacheSize + " for " + SCHEMAS_CACHE_SIZE + ": expected a number");
        }
    }

    private static Map<Schema, byte[]> lruCache(int maxEntries) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Schema, byte[]> eldest) {
                return size() > maxEntries;
            }
        });
    }

    /** The schema's JSON bytes (never handed out: callers copy them into the record's bytes). */
    private byte[] schemaJson(Schema schema) throws IOException {
        byte[] cached = schemaCache.get(schema);
        if (cached == null) {
            cached = MAPPER.writeValueAsBytes(schemas.toJson(schema));
            schemaCache.put(schema, cached);
        }
        return cached;
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean dflt) {
        Object v = configs.get(key);
        if (v == null) {
            return dflt;
        }
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new DataException("Invalid value " + v + " for " + key + ": use true or false");
    }

    public boolean schemasEnabled() {
        return schemasEnabled;
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (schema == null && value == null) {
            return null;
        }
        RecordWriter writer = idleWriter.getAndSet(null);
        try {
            if (writer == null) {
                writer = new RecordWriter();
            }
            ByteArrayOutputStream out = writer.out;
            out.reset();
            if (schemasEnabled) {
                // {"schema":<schema>,"payload":<payload>}, byte for byte what writing the envelope tree gives
                out.write(SCHEMA_PREFIX);
                out.write(schema == null ? NULL : schemaJson(schema));
                out.write(PAYLOAD_PREFIX);
            }
            values.write(writer.generator, schema, value);
            writer.generator.flush();
            if (schemasEnabled) {
                out.write('}');
            }
            byte[] bytes = out.toByteArray();
            idleWriter.set(writer); // only after success: a failed write leaves the generator mid-value
            return bytes;
        } catch (IOException e) {
            throw new DataException("Converting Kafka Connect data to byte[] failed due to serialization error", e);
        }
    }

    /**
     * A generator kept from record to record with the buffer it writes into: creating and closing a generator per
     * record cost about as much as writing the payload. One per converter, borrowed for a call (a converter shared
     * by threads makes more).
     */
    private static final class RecordWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        private final JsonGenerator generator;

        RecordWriter() throws IOException {
            generator = MAPPER.getFactory().createGenerator(out);
            generator.setRootValueSeparator(null); // records are separate documents, not a stream of values
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(value);
        } catch (IOException e) {
            throw new DataException("Converting byte[] to Kafka Connect data failed due to serialization error", e);
        }
        if (!schemasEnabled) {
            return new SchemaAndValue(null, values.toConnect(null, json));
        }
        if (json == null || !json.isObject() || json.size() != 2 || !json.has("schema") || !json.has("payload")) {
            throw new DataException("JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and"
                    + " may not contain additional fields. If you are trying to deserialize plain JSON data, set"
                    + " schemas.enable=false in your converter configuration.");
        }
        Schema schema = schemas.fromJson(json.get("schema"));
        return new SchemaAndValue(schema, values.toConnect(schema, json.get("payload")));
    }
}
