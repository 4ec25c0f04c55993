package dev.millrace.connect.data;

import dev.millrace.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaBuilderTest {

    @Test
    void structSchemaKeepsFieldsInOrderWithIndexes() {
        Schema schema = SchemaBuilder.struct().name("shop.Order").version(3).doc("an order")
                .field("id", Schema.INT64_SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        assertEquals(Schema.Type.STRUCT, schema.type());
        assertEquals("shop.Order", schema.name());
        assertEquals(3, schema.version());
        assertEquals("an order", schema.doc());
        assertEquals(List.of("id", "note"), schema.fields().stream().map(Field::name).toList());
        assertEquals(1, schema.field("note").index());
        assertTrue(schema.field("note").schema().isOptional());
        assertNull(schema.field("missing"));
    }

    @Test
    void builtSchemasWithTheSamePropertiesAreEqual() {
        Schema a = SchemaBuilder.map(Schema.STRING_SCHEMA, SchemaBuilder.array(Schema.INT32_SCHEMA).build())
                .optional().parameter("p", "v").build();
        Schema b = SchemaBuilder.map(Schema.STRING_SCHEMA, SchemaBuilder.array(Schema.INT32_SCHEMA).build())
                .optional().parameter("p", "v").build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(Map.of("p", "v"), a.parameters());
        assertEquals(Schema.Type.ARRAY, a.valueSchema().type());
        assertEquals(Schema.INT32_SCHEMA, a.valueSchema().valueSchema());
        assertFalse(a.equals(SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build()));
    }

    @Test
    void constantsMatchTheirTypesAndOptionality() {
        assertEquals(Schema.Type.INT8, Schema.INT8_SCHEMA.type());
        assertFalse(Schema.INT8_SCHEMA.isOptional());
        assertEquals(Schema.Type.BYTES, Schema.OPTIONAL_BYTES_SCHEMA.type());
        assertTrue(Schema.OPTIONAL_BYTES_SCHEMA.isOptional());
        assertEquals("float64", Schema.Type.FLOAT64.getName());
        assertTrue(Schema.Type.STRING.isPrimitive());
        assertFalse(Schema.Type.STRUCT.isPrimitive());
    }

    @Test
    void misuseIsRejected() {
        assertThrows(DataException.class, () -> SchemaBuilder.int32().field("x", Schema.INT32_SCHEMA));
        assertThrows(DataException.class,
                () -> SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).field("x", Schema.STRING_SCHEMA));
        assertThrows(DataException.class, () -> SchemaBuilder.int32().defaultValue("not an int"));
        assertThrows(DataException.class, () -> SchemaBuilder.string().name("a").name("b"));
        assertThrows(DataException.class, () -> Schema.STRING_SCHEMA.fields());
        assertThrows(DataException.class, () -> Schema.STRING_SCHEMA.valueSchema());
    }

    @Test
    void defaultValueIsKept() {
        Schema schema = SchemaBuilder.int32().defaultValue(7).build();
        assertEquals(7, schema.defaultValue());
    }
}
