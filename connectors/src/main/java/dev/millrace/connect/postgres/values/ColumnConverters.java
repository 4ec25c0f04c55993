package dev.millrace.connect.postgres.values;

import dev.millrace.connect.data.Decimal;
import dev.millrace.connect.data.Schema;
import dev.millrace.connect.data.SchemaBuilder;
import dev.millrace.connect.data.Struct;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the {@link ColumnConverter} for a column type with Debezium's default mapping (decimal.handling.mode
 * precise, time.precision.mode adaptive_time_microseconds, interval.handling.mode numeric). Types without a mapping
 * pass PostgreSQL's text through as an optional STRING.
 */
public final class ColumnConverters {
    /** Debezium's unavailable.value.placeholder default. */
    public static final String UNAVAILABLE = "__debezium_unavailable_value";

    private final TypeRegistry types;

    public ColumnConverters(TypeRegistry types) {
        this.types = types;
    }

    /** The converter for a column of type {@code oid} with type modifier {@code typmod}. */
    public ColumnConverter forColumn(int oid, int typmod, boolean optional) throws SQLException {
        PgType type = types.get(oid);
        while (type.isDomain()) {
            type = types.get(type.baseOid());
        }
        if (type.isArray()) {
            ColumnConverter element = forColumn(type.elementOid(), typmod, true);
            SchemaBuilder b = SchemaBuilder.array(element.schema());
            Schema schema = (optional ? b.optional() : b).build();
            boolean textual = element.schema().type() == Schema.Type.STRING;
            return new Simple(schema, text -> {
                List<Object> out = new ArrayList<>();
                for (String e : PgText.arrayElements(text)) {
                    out.add(e == null ? null : element.convert(e));
                }
                return out;
            }, textual ? List.of(UNAVAILABLE) : null);
        }
        if (type.isEnum()) {
            return string(named(SchemaBuilder.string(), "io.debezium.data.Enum")
                    .parameter("allowed", String.join(",", type.enumLabels())), optional, text -> text);
        }
        String name = "pg_catalog".equals(type.schema()) ? type.name() : "";
        switch (name) {
            case "int2":
                return simple(SchemaBuilder.int16(), optional, Short::valueOf);
            case "int4":
                return simple(SchemaBuilder.int32(), optional, Integer::valueOf);
            case "int8":
            case "oid":
                return simple(SchemaBuilder.int64(), optional, Long::valueOf);
            case "float4":
                return simple(SchemaBuilder.float32(), optional, Float::valueOf);
            case "float8":
                return simple(SchemaBuilder.float64(), optional, Double::valueOf);
            case "bool":
                return simple(SchemaBuilder.bool(), optional, PgText::bool);
            case "text":
            case "varchar":
            case "bpchar":
            case "char":
            case "name":
                return string(SchemaBuilder.string(), optional, text -> text);
            case "bytea": {
                SchemaBuilder b = SchemaBuilder.bytes();
                return new Simple((optional ? b.optional() : b).build(), PgText::bytea,
                        UNAVAILABLE.getBytes(StandardCharsets.UTF_8));
            }
            case "numeric":
                return numeric(typmod, optional);
            case "uuid":
                return string(named(SchemaBuilder.string(), "io.debezium.data.Uuid"), optional, text -> text);
            case "json":
            case "jsonb":
                return string(named(SchemaBuilder.string(), "io.debezium.data.Json"), optional, text -> text);
            case "date":
                return simple(named(SchemaBuilder.int32(), "io.debezium.time.Date"), optional, PgText::epochDays);
            case "time":
                return simple(named(SchemaBuilder.int64(), "io.debezium.time.MicroTime"), optional,
                        PgText::microsOfDay);
            case "timestamp":
                return simple(named(SchemaBuilder.int64(), "io.debezium.time.MicroTimestamp"), optional,
                        PgText::epochMicros);
            case "timestamptz":
                return string(named(SchemaBuilder.string(), "io.debezium.time.ZonedTimestamp"), optional,
                        PgText::zonedTimestamp);
            case "interval":
                return simple(named(SchemaBuilder.int64(), "io.debezium.time.MicroDuration"), optional,
                        PgText::intervalMicros);
            default:
                return string(SchemaBuilder.string(), true, text -> text);
        }
    }

    private static ColumnConverter numeric(int typmod, boolean optional) {
        if (typmod < 4) {
            // numeric without precision and scale: the scale varies per value
            SchemaBuilder b = SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal").version(1)
                    .doc("Variable scaled decimal").field("scale", Schema.INT32_SCHEMA)
                    .field("value", Schema.BYTES_SCHEMA);
            Schema schema = (optional ? b.optional() : b).build();
            return new Simple(schema, text -> {
                BigDecimal v = PgText.numeric(text);
                return v == null ? null : new Struct(schema).put("scale", v.scale())
                        .put("value", v.unscaledValue().toByteArray());
            }, null);
        }
        int precision = ((typmod - 4) >> 16) & 0xffff;
        int scale = (typmod - 4) & 0xffff;
        SchemaBuilder b = Decimal.builder(scale).parameter("connect.decimal.precision", String.valueOf(precision));
        return new Simple((optional ? b.optional() : b).build(), text -> {
            BigDecimal v = PgText.numeric(text);
            return v == null ? null : v.setScale(scale);
        }, null);
    }

    private static SchemaBuilder named(SchemaBuilder b, String name) {
        return b.name(name).version(1);
    }

    private static ColumnConverter simple(SchemaBuilder b, boolean optional, Function<String, Object> f) {
        return new Simple((optional ? b.optional() : b).build(), f, null);
    }

    private static ColumnConverter string(SchemaBuilder b, boolean optional, Function<String, Object> f) {
        return new Simple((optional ? b.optional() : b).build(), f, UNAVAILABLE);
    }

    private record Simple(Schema schema, Function<String, Object> f, Object unavailable) implements ColumnConverter {
        @Override
        public Object convert(String text) {
            return f.apply(text);
        }
    }
}
