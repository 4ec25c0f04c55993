package dev.millrace.connect.json;

import dev.millrace.connect.data.Field;
import dev.millrace.connect.data.Schema;
import dev.millrace.connect.data.Struct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rebuilds our schemas and values with Kafka Connect's classes, so the oracle converter sees the same data. */
final class KafkaConnectMirror {
    private KafkaConnectMirror() {
    }

    static org.apache.kafka.connect.data.Schema schema(Schema s) {
        if (s == null) {
            return null;
        }
        org.apache.kafka.connect.data.SchemaBuilder b = switch (s.type()) {
            case ARRAY -> org.apache.kafka.connect.data.SchemaBuilder.array(schema(s.valueSchema()));
            case MAP -> org.apache.kafka.connect.data.SchemaBuilder.map(schema(s.keySchema()), schema(s.valueSchema()));
            default -> org.apache.kafka.connect.data.SchemaBuilder.type(
                    org.apache.kafka.connect.data.Schema.Type.valueOf(s.type().name()));
        };
        if (s.type() == Schema.Type.STRUCT) {
            for (Field f : s.fields()) {
                b.field(f.name(), schema(f.schema()));
            }
        }
        if (s.isOptional()) b.optional();
        if (s.name() != null) b.name(s.name());
        if (s.version() != null) b.version(s.version());
        if (s.doc() != null) b.doc(s.doc());
        if (s.parameters() != null) b.parameters(s.parameters());
        if (s.defaultValue() != null) b.defaultValue(value(s, s.defaultValue()));
        return b.build();
    }

    static Object value(Schema s, Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Struct struct) {
            org.apache.kafka.connect.data.Schema ks = schema(struct.schema());
            org.apache.kafka.connect.data.Struct out = new org.apache.kafka.connect.data.Struct(ks);
            for (Field f : struct.schema().fields()) {
                Object fv = struct.getWithoutDefault(f.name());
                if (fv != null) {
                    out.put(f.name(), value(f.schema(), fv));
                }
            }
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object e : list) out.add(value(s == null ? null : s.valueSchema(), e));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, e) -> out.put(value(s == null ? null : s.keySchema(), k),
                    value(s == null ? null : s.valueSchema(), e)));
            return out;
        }
        return v;
    }
}
