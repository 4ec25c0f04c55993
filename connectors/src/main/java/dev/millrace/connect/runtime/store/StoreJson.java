package dev.millrace.connect.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.millrace.connect.errors.ConnectException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON of the worker topics, as Kafka Connect's schemaless JsonConverter writes it: integral numbers read back as
 * Long and fractions as Double, so offsets look the same to a task whichever worker stored them.
 */
final class StoreJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Map entries sorted by key: equal partition maps give equal bytes, whatever their iteration order. */
    static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private StoreJson() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new ConnectException("Could not serialise " + value + " as JSON", e);
        }
    }

    static String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (IOException e) {
            throw new ConnectException("Could not serialise " + value + " as JSON", e);
        }
    }

    static JsonNode read(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new ConnectException("Unreadable JSON in a worker topic", e);
        }
    }

    static Object toJava(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (json.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            json.properties().forEach(e -> out.put(e.getKey(), toJava(e.getValue())));
            return out;
        }
        if (json.isArray()) {
            List<Object> out = new ArrayList<>();
            json.forEach(e -> out.add(toJava(e)));
            return out;
        }
        if (json.isIntegralNumber()) {
            return json.longValue();
        }
        if (json.isNumber()) {
            return json.doubleValue();
        }
        if (json.isBoolean()) {
            return json.booleanValue();
        }
        return json.asText();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonNode json) {
        Object v = toJava(json);
        return v instanceof Map ? (Map<String, Object>) v : null;
    }
}
