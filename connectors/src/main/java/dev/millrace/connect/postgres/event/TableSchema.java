package dev.millrace.connect.postgres.event;

import dev.millrace.connect.data.Decimal;
import dev.millrace.connect.data.Field;
import dev.millrace.connect.data.Schema;
import dev.millrace.connect.data.SchemaBuilder;
import dev.millrace.connect.data.Struct;
import dev.millrace.connect.postgres.values.ColumnConverter;
import dev.millrace.connect.postgres.values.ColumnConverters;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One captured table's schemas, named as Debezium names them: key {@code <prefix>.<schema>.<table>.Key} (the primary
 * key columns; none when the table has no primary key), row {@code ...Value} and envelope {@code ...Envelope}
 * (before, after, source, transaction, op, ts_ms, ts_us, ts_ns), and the converters that fill them.
 */
public final class TableSchema {
    /** The envelope's fields by position (see the constructor). */
    static final int BEFORE = 0;
    static final int AFTER = 1;
    static final int SOURCE = 2;
    static final int OP = 4;
    static final int TS_MS = 5;
    static final int TS_US = 6;
    static final int TS_NS = 7;

    private static final Schema TRANSACTION = SchemaBuilder.struct().optional().name("event.block").version(1)
            .field("id", Schema.STRING_SCHEMA)
            .field("total_order", Schema.INT64_SCHEMA)
            .field("data_collection_order", Schema.INT64_SCHEMA)
            .build();

    private final String schemaName;
    private final String tableName;
    private final String topic;
    private final List<ColumnDef> columns;
    private final ColumnConverter[] converters;
    private final int[] keyColumns;
    private final Schema keySchema;
    private final Schema valueSchema;
    private final Schema envelopeSchema;
    /** The schemas' fields, in column (envelope) order: puts by field object need no name lookup per row. */
    private final Field[] valueFields;
    private final Field[] keyFields;
    private final Field[] envelopeFields;

    public TableSchema(String topicPrefix, String schemaName, String tableName, List<ColumnDef> columns,
                       ColumnConverters converterFactory) throws SQLException {
        this.schemaName = schemaName;
        this.tableName = tableName;
        this.topic = topicPrefix + "." + schemaName + "." + tableName;
        this.columns = List.copyOf(columns);
        this.converters = new ColumnConverter[columns.size()];
        SchemaBuilder value = SchemaBuilder.struct().name(topic + ".Value").optional();
        SchemaBuilder key = SchemaBuilder.struct().name(topic + ".Key");
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnDef c = columns.get(i);
            converters[i] = converterFactory.forColumn(c.typeOid(), c.typeModifier(), c.optional() && !c.primaryKey());
            value.field(c.name(), converters[i].schema());
            if (c.primaryKey()) {
                key.field(c.name(), converters[i].schema());
                keys.add(i);
            }
        }
        this.keyColumns = keys.stream().mapToInt(Integer::intValue).toArray();
        this.keySchema = keys.isEmpty() ? null : key.build();
        this.valueSchema = value.build();
        this.envelopeSchema = SchemaBuilder.struct().name(topic + ".Envelope").version(2)
                .field("before", valueSchema)
                .field("after", valueSchema)
                .field("source", SourceInfo.SCHEMA)
                .field("transaction", TRANSACTION)
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
                .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        this.valueFields = valueSchema.fields().toArray(new Field[0]);
        this.keyFields = keySchema == null ? new Field[0] : keySchema.fields().toArray(new Field[0]);
        this.envelopeFields = envelopeSchema.fields().toArray(new Field[0]);
    }

    /** The envelope schema's field at {@code position} ({@link #BEFORE}, {@link #AFTER}, ...). */
    Field envelopeField(int position) {
        return envelopeFields[position];
    }

    public String schemaName() {
        return schemaName;
    }

    public String tableName() {
        return tableName;
    }

    public String topic() {
        return topic;
    }

    public List<ColumnDef> columns() {
        return columns;
    }

    public Schema keySchema() {
        return keySchema;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    public Schema envelopeSchema() {
        return envelopeSchema;
    }

    /**
     * The row struct. A required column without a value (only possible in an old-key image, where pgoutput sends
     * the key columns alone) gets its type's neutral value (0, "", false, empty), as Debezium fills it.
     */
    public Struct row(RowValues values) {
        Struct row = new Struct(valueSchema);
        for (int i = 0; i < converters.length; i++) {
            Object v;
            if (values.unavailable(i)) {
                v = converters[i].unavailable();
            } else {
                String text = values.text(i);
                v = text == null ? null : converters[i].convert(text);
            }
            if (v == null && !converters[i].schema().isOptional()) {
                v = neutral(converters[i].schema());
            }
            if (v != null) {
                row.put(valueFields[i], v);
            }
        }
        return row;
    }

    private static Object neutral(Schema schema) {
        if (Decimal.LOGICAL_NAME.equals(schema.name())) {
            return java.math.BigDecimal.ZERO.setScale(Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD)));
        }
        return switch (schema.type()) {
            case INT8 -> (byte) 0;
            case INT16 -> (short) 0;
            case INT32 -> 0;
            case INT64 -> 0L;
            case FLOAT32 -> 0f;
            case FLOAT64 -> 0d;
            case BOOLEAN -> false;
            case STRING -> "";
            case BYTES -> new byte[0];
            case ARRAY -> List.of();
            case MAP -> java.util.Map.of();
            case STRUCT -> {
                Struct s = new Struct(schema);
                for (dev.millrace.connect.data.Field f : schema.fields()) {
                    s.put(f.name(), neutral(f.schema()));
                }
                yield s;
            }
        };
    }

    /** The key struct of a row struct, or null for a table without primary key. */
    public Struct key(Struct row) {
        if (keySchema == null) {
            return null;
        }
        Struct key = new Struct(keySchema);
        for (int k = 0; k < keyColumns.length; k++) {
            key.put(keyFields[k], row.get(valueFields[keyColumns[k]]));
        }
        return key;
    }
}
