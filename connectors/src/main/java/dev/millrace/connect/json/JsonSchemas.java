package dev.millrace.connect.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.millrace.connect.data.Field;
import dev.millrace.connect.data.Schema;
import dev.millrace.connect.data.SchemaBuilder;
import dev.millrace.connect.errors.DataException;

import java.util.Locale;
import java.util.Map;

/**
 * Connect schemas as the JSON Kafka Connect's JsonConverter embeds them: {@code type} (int8..int64, float, double,
 * boolean, string, bytes, array, map, struct), {@code items}, {@code keys}/{@code values}, {@code fields} (each a
 * schema with a {@code field} name), then {@code optional}, {@code name}, {@code version}, {@code doc},
 * {@code parameters} and {@code default}.
 */
final class JsonSchemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonValues values;

    JsonSchemas(JsonValues values) {
        this.values = values;
    }

    static String typeName(Schema.Type type) {
        return switch (type) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    ObjectNode toJson(Schema schema) {
        ObjectNode json = NODES.objectNode();
        json.put("type", typeName(schema.type()));
        switch (schema.type()) {
            case ARRAY -> json.set("items", toJson(schema.valueSchema()));
            case MAP -> {
                json.set("keys", toJson(schema.keySchema()));
                json.set("values", toJson(schema.valueSchema()));
            }
            case STRUCT -> {
                ArrayNode fields = json.putArray("fields");
                for (Field field : schema.fields()) {
                    ObjectNode fieldJson = toJson(field.schema());
                    fieldJson.put("field", field.name());
                    fields.add(fieldJson);
                }
            }
            default -> { }
        }
        json.put("optional", schema.isOptional());
        if (schema.name() != null) {
            json.put("name", schema.name());
        }
        if (schema.version() != null) {
            json.put("version", schema.version());
        }
        if (schema.doc() != null) {
            json.put("doc", schema.doc());
        }
        if (schema.parameters() != null) {
            ObjectNode params = json.putObject("parameters");
            schema.parameters().forEach(params::put);
        }
        if (schema.defaultValue() != null) {
            json.set("default", values.node(schema, schema.defaultValue()));
        }
        return json;
    }

    Schema fromJson(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        JsonNode type = json.get("type");
        if (type == null || !type.isTextual()) {
            throw new DataException("Schema must contain 'type' field");
        }
        SchemaBuilder builder = switch (type.textValue()) {
            case "boolean" -> SchemaBuilder.bool();
            case "int8" -> SchemaBuilder.int8();
            case "int16" -> SchemaBuilder.int16();
            case "int32" -> SchemaBuilder.int32();
            case "int64" -> SchemaBuilder.int64();
            case "float" -> SchemaBuilder.float32();
            case "double" -> SchemaBuilder.float64();
            case "bytes" -> SchemaBuilder.bytes();
            case "string" -> SchemaBuilder.string();
            case "array" -> SchemaBuilder.array(required(json, "items", "Array schema did not specify the element type"));
            case "map" -> SchemaBuilder.map(required(json, "keys", "Map schema did not specify the key type"),
                    required(json, "values", "Map schema did not specify the value type"));
            case "struct" -> {
                SchemaBuilder struct = SchemaBuilder.struct();
                JsonNode fields = json.get("fields");
                if (fields == null || !fields.isArray()) {
                    throw new DataException("Struct schema's \"fields\" argument is not an array.");
                }
                for (JsonNode field : fields) {
                    JsonNode name = field.get("field");
                    if (name == null || !name.isTextual()) {
                        throw new DataException("Struct schema's field name not specified properly");
                    }
                    struct.field(name.textValue(), fromJson(field));
                }
                yield struct;
            }
            default -> throw new DataException("Unknown schema type: " + type.textValue());
        };
        JsonNode optional = json.get("optional");
        if (optional != null && optional.isBoolean() && optional.booleanValue()) {
            builder.optional();
        }
        JsonNode name = json.get("name");
        if (name != null && name.isTextual()) {
            builder.name(name.textValue());
        }
        JsonNode version = json.get("version");
        if (version != null && version.isIntegralNumber()) {
            builder.version(version.intValue());
        }
        JsonNode doc = json.get("doc");
        if (doc != null && doc.isTextual()) {
            builder.doc(doc.textValue());
        }
        JsonNode params = json.get("parameters");
        if (params != null && params.isObject()) {
            for (Map.Entry<String, JsonNode> e : params.properties()) {
                if (!e.getValue().isTextual()) {
                    throw new DataException("Schema parameters must have string values.");
                }
                builder.parameter(e.getKey(), e.getValue().textValue());
            }
        }
        JsonNode dflt = json.get("default");
        if (dflt != null && !dflt.isNull()) {
            builder.defaultValue(values.toConnect(builder, dflt));
        }
        return builder.build();
    }

    private Schema required(JsonNode json, String key, String message) {
        JsonNode node = json.get(key);
        if (node == null || node.isNull()) {
            throw new DataException(message);
        }
        return fromJson(node);
    }
}
