package dev.millrace.connect.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.millrace.connect.data.Date;
import dev.millrace.connect.data.Decimal;
import dev.millrace.connect.data.Field;
import dev.millrace.connect.data.Schema;
import dev.millrace.connect.data.Struct;
import dev.millrace.connect.data.Time;
import dev.millrace.connect.data.Timestamp;
import dev.millrace.connect.errors.DataException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connect values as JSON, the way Kafka Connect's JsonConverter encodes them: logical types in their physical form
 * (Decimal as base64 bytes or a number per {@code decimal.format}), bytes as base64, maps with string keys as
 * objects and other maps as arrays of {@code [key, value]} pairs, structs as objects in field order.
 */
final class JsonValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Struct schemas whose field names are kept pre-encoded, at most (past it the cache starts again). */
    private static final int FIELD_NAME_SCHEMAS = 1000;

    private final DecimalFormat decimalFormat;
    private final boolean replaceNullWithDefault;
    /**
     * Each struct schema's field names, quoted and UTF-8-encoded once: a record's envelope has some thirty fields,
     * and encoding each name again per record was a visible share of writing the payload.
     */
    private final Map<Schema, SerializableString[]> fieldNames = new ConcurrentHashMap<>();

    JsonValues(DecimalFormat decimalFormat, boolean replaceNullWithDefault) {
        this.decimalFormat = decimalFormat;
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    /**
     * Writes the JSON of {@code value} to {@code g}, token by token: the bytes are those of the equivalent Jackson
     * tree written by an ObjectMapper, without building the tree (one per record was the converter's main cost).
     * Nothing is written for a null value without schema (the caller writes {@code null} or a tombstone).
     */
    void write(JsonGenerator g, Schema schema, Object value) throws IOException {
        if (value == null) {
            if (schema == null) {
                return;
            }
            if (replaceNullWithDefault && schema.defaultValue() != null) {
                write(g, schema, schema.defaultValue());
                return;
            }
            if (schema.isOptional()) {
                g.writeNull();
                return;
            }
            throw new DataException("Conversion error: null value for field that is required and has no default value");
        }
        Object physical = schema == null ? value : toPhysical(schema, value);
        Schema.Type type = schema == null ? inferType(physical) : schema.type();
        try {
            switch (type) {
                case INT8 -> g.writeNumber((Byte) physical);
                case INT16 -> g.writeNumber((Short) physical);
                case INT32 -> g.writeNumber((Integer) physical);
                case INT64 -> g.writeNumber((Long) physical);
                case FLOAT32 -> g.writeNumber((Float) physical);
                case FLOAT64 -> g.writeNumber((Double) physical);
                case BOOLEAN -> g.writeBoolean((Boolean) physical);
                case STRING -> g.writeString(((CharSequence) physical).toString());
                case BYTES -> bytes(g, physical);
                case ARRAY -> array(g, schema, physical);
                case MAP -> map(g, schema, (Map<?, ?>) physical);
                case STRUCT -> struct(g, schema, physical);
            }
        } catch (ClassCastException e) {
            throw new DataException("Invalid type for " + type + ": " + physical.getClass());
        }
    }

    /** As a JSON tree node (for schema defaults): serialized through {@link #write}. */
    JsonNode node(Schema schema, Object value) {
        return NODES.pojoNode(new JsonSerializable.Base() {
            @Override
            public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
                write(g, schema, value);
            }

            @Override
            public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer typeSer)
                    throws IOException {
                write(g, schema, value);
            }
        });
    }

    private static void bytes(JsonGenerator g, Object physical) throws IOException {
        if (physical instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (physical instanceof byte[] b) {
            g.writeBinary(b);
        } else if (physical instanceof ByteBuffer buffer) {
            byte[] out = new byte[buffer.remaining()];
            buffer.duplicate().get(out);
            g.writeBinary(out);
        } else {
            throw new DataException("Invalid type for bytes type: " + physical.getClass());
        }
    }

    private void array(JsonGenerator g, Schema schema, Object physical) throws IOException {
        if (!(physical instanceof Collection<?> elements)) {
            throw new DataException("Invalid type for array type: " + physical.getClass());
        }
        Schema elementSchema = schema == null ? null : schema.valueSchema();
        g.writeStartArray();
        for (Object element : elements) {
            writeOrNull(g, elementSchema, element);
        }
        g.writeEndArray();
    }

    /** Where a tree would hold a Java null (a null element without schema), Jackson writes {@code null}. */
    private void writeOrNull(JsonGenerator g, Schema schema, Object value) throws IOException {
        if (value == null && schema == null) {
            g.writeNull();
        } else {
            write(g, schema, value);
        }
    }

    private void map(JsonGenerator g, Schema schema, Map<?, ?> map) throws IOException {
        boolean objectMode = schema == null
                ? map.keySet().stream().allMatch(k -> k instanceof String)
                : schema.keySchema().type() == Schema.Type.STRING;
        Schema keySchema = schema == null ? null : schema.keySchema();
        Schema valueSchema = schema == null ? null : schema.valueSchema();
        if (objectMode) {
            // keys as text; two keys with the same text keep the first one's place and the last one's value
            Map<String, Object> byName = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                byName.put(keyText(keySchema, e.getKey()), e.getValue());
            }
            g.writeStartObject();
            for (Map.Entry<String, Object> e : byName.entrySet()) {
                g.writeFieldName(e.getKey());
                writeOrNull(g, valueSchema, e.getValue());
            }
            g.writeEndObject();
            return;
        }
        g.writeStartArray();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            g.writeStartArray();
            writeOrNull(g, keySchema, e.getKey());
            writeOrNull(g, valueSchema, e.getValue());
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /** A map key in object mode: its JSON value's text ({@code "null"} for a null key of an optional schema). */
    private String keyText(Schema keySchema, Object key) {
        if (key == null) {
            if (keySchema != null && replaceNullWithDefault && keySchema.defaultValue() != null) {
                return keyText(keySchema, keySchema.defaultValue());
            }
            if (keySchema == null || keySchema.isOptional()) {
                return "null";
            }
            throw new DataException("Conversion error: null value for field that is required and has no default value");
        }
        return key.toString();
    }

    private void struct(JsonGenerator g, Schema schema, Object physical) throws IOException {
        if (schema == null) {
            throw new DataException("Conversion error: a struct needs a schema");
        }
        if (!(physical instanceof Struct struct)) {
            throw new DataException("Invalid type for struct type: " + physical.getClass());
        }
        if (!struct.schema().equals(schema)) {
            throw new DataException("Mismatching schema.");
        }
        SerializableString[] names = fieldNames(schema);
        List<Field> fields = schema.fields();
        g.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            Field field = fields.get(i);
            Object v = replaceNullWithDefault ? struct.get(field) : struct.getWithoutDefault(field.name());
            if (names[i] != null) {
                g.writeFieldName(names[i]);
            } else {
                g.writeFieldName(field.name());
            }
            write(g, field.schema(), v);
        }
        g.writeEndObject();
    }

    private SerializableString[] fieldNames(Schema schema) {
        SerializableString[] names = fieldNames.get(schema);
        if (names == null) {
            List<Field> fields = schema.fields();
            names = new SerializableString[fields.size()];
            for (int i = 0; i < names.length; i++) {
                String name = fields.get(i).name();
                // Jackson's generator escapes a name's surrogate pairs where a pre-encoded name has raw UTF-8:
                // such (rare) names are written as before, so the bytes stay Kafka Connect's
                names[i] = name.chars().anyMatch(c -> Character.isSurrogate((char) c)) ? null : new SerializedString(name);
            }
            if (fieldNames.size() >= FIELD_NAME_SCHEMAS) {
                fieldNames.clear();
            }
            fieldNames.put(schema, names);
        }
        return names;
    }

    private Object toPhysical(Schema schema, Object value) {
        String name = schema.name();
        if (name == null) {
            return value;
        }
        return switch (name) {
            case Decimal.LOGICAL_NAME -> {
                if (!(value instanceof BigDecimal d)) {
                    throw new DataException("Invalid type for Decimal, expected BigDecimal but was " + value.getClass());
                }
                yield decimalFormat == DecimalFormat.NUMERIC ? d : Decimal.fromLogical(schema, d);
            }
            case Date.LOGICAL_NAME -> Date.fromLogical(schema, asDate(value, "Date"));
            case Time.LOGICAL_NAME -> Time.fromLogical(schema, asDate(value, "Time"));
            case Timestamp.LOGICAL_NAME -> Timestamp.fromLogical(schema, asDate(value, "Timestamp"));
            default -> value;
        };
    }

    private static java.util.Date asDate(Object value, String logical) {
        if (!(value instanceof java.util.Date d)) {
            throw new DataException("Invalid type for " + logical + ", expected Date but was " + value.getClass());
        }
        return d;
    }

    private static Schema.Type inferType(Object value) {
        if (value instanceof Byte) return Schema.Type.INT8;
        if (value instanceof Short) return Schema.Type.INT16;
        if (value instanceof Integer) return Schema.Type.INT32;
        if (value instanceof Long) return Schema.Type.INT64;
        if (value instanceof Float) return Schema.Type.FLOAT32;
        if (value instanceof Double) return Schema.Type.FLOAT64;
        if (value instanceof Boolean) return Schema.Type.BOOLEAN;
        if (value instanceof CharSequence) return Schema.Type.STRING;
        if (value instanceof byte[] || value instanceof ByteBuffer) return Schema.Type.BYTES;
        if (value instanceof Collection) return Schema.Type.ARRAY;
        if (value instanceof Map) return Schema.Type.MAP;
        if (value instanceof Struct) return Schema.Type.STRUCT;
        throw new DataException("Java class " + value.getClass() + " does not have corresponding schema type.");
    }

    /** The Connect value of {@code json} under {@code schema}; a schemaless read when {@code schema} is null. */
    Object toConnect(Schema schema, JsonNode json) {
        if (schema == null) {
            return schemaless(json);
        }
        if (json == null || json.isNull()) {
            if (schema.defaultValue() != null && replaceNullWithDefault) {
                return schema.defaultValue();
            }
            if (schema.isOptional()) {
                return null;
            }
            throw new DataException("Invalid null value for required " + schema.type() + " field");
        }
        Object physical = switch (schema.type()) {
            case INT8 -> (byte) json.intValue();
            case INT16 -> (short) json.intValue();
            case INT32 -> json.intValue();
            case INT64 -> json.longValue();
            case FLOAT32 -> json.floatValue();
            case FLOAT64 -> json.doubleValue();
            case BOOLEAN -> json.booleanValue();
            case STRING -> json.textValue();
            case BYTES -> bytesOf(schema, json);
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (JsonNode element : json) {
                    out.add(toConnect(schema.valueSchema(), element));
                }
                yield out;
            }
            case MAP -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                if (schema.keySchema().type() == Schema.Type.STRING) {
                    for (Map.Entry<String, JsonNode> e : json.properties()) {
                        out.put(e.getKey(), toConnect(schema.valueSchema(), e.getValue()));
                    }
                } else {
                    for (JsonNode pair : json) {
                        out.put(toConnect(schema.keySchema(), pair.get(0)), toConnect(schema.valueSchema(), pair.get(1)));
                    }
                }
                yield out;
            }
            case STRUCT -> {
                Struct struct = new Struct(schema.schema());
                for (Field field : schema.fields()) {
                    struct.put(field, toConnect(field.schema(), json.get(field.name())));
                }
                yield struct;
            }
        };
        return toLogical(schema, physical);
    }

    private static Object bytesOf(Schema schema, JsonNode json) {
        if (Decimal.LOGICAL_NAME.equals(schema.name()) && json.isNumber()) {
            return json.decimalValue().setScale(Decimal.scale(schema));
        }
        try {
            return json.binaryValue();
        } catch (IOException e) {
            throw new DataException("Invalid bytes field", e);
        }
    }

    private static Object toLogical(Schema schema, Object physical) {
        String name = schema.name();
        if (name == null || physical instanceof BigDecimal) {
            return physical;
        }
        return switch (name) {
            case Decimal.LOGICAL_NAME -> Decimal.toLogical(schema, (byte[]) physical);
            case Date.LOGICAL_NAME -> Date.toLogical(schema, (Integer) physical);
            case Time.LOGICAL_NAME -> Time.toLogical(schema, (Integer) physical);
            case Timestamp.LOGICAL_NAME -> Timestamp.toLogical(schema, (Long) physical);
            default -> physical;
        };
    }

    private static Object schemaless(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        switch (json.getNodeType()) {
            case BOOLEAN:
                return json.booleanValue();
            case NUMBER:
                return json.isIntegralNumber() ? (Object) json.longValue() : (Object) json.doubleValue();
            case STRING:
                return json.textValue();
            case BINARY:
                try {
                    return json.binaryValue();
                } catch (IOException e) {
                    throw new DataException("Invalid bytes", e);
                }
            case ARRAY: {
                List<Object> out = new ArrayList<>();
                json.forEach(e -> out.add(schemaless(e)));
                return out;
            }
            case OBJECT: {
                Map<String, Object> out = new LinkedHashMap<>();
                json.properties().forEach(e -> out.put(e.getKey(), schemaless(e.getValue())));
                return out;
            }
            default:
                throw new DataException("Unsupported JSON node: " + json.getNodeType());
        }
    }
}
