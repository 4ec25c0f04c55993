package dev.millrace.connect.data;

import dev.millrace.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StructTest {
    private static final Schema ADDRESS = SchemaBuilder.struct().name("Address")
            .field("city", Schema.STRING_SCHEMA).build();
    private static final Schema PERSON = SchemaBuilder.struct().name("Person")
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("score", SchemaBuilder.int64().defaultValue(5L).build())
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).optional().build())
            .field("address", ADDRESS)
            .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
            .build();

    private static Struct person() {
        return new Struct(PERSON).put("id", 1).put("tags", List.of("a", "b"))
                .put("address", new Struct(ADDRESS).put("city", "Oslo"));
    }

    @Test
    void putAndGetRoundTripWithTypedGettersAndDefaults() {
        Struct s = person().put("attrs", Map.of("k", 2)).put("raw", new byte[] {1, 2});
        assertDoesNotThrow(s::validate);
        assertEquals(1, s.getInt32("id"));
        assertNull(s.getString("name"));
        assertEquals(5L, s.getInt64("score"), "unset field falls back to its default");
        assertNull(s.getWithoutDefault("score"));
        assertEquals(List.of("a", "b"), s.getArray("tags"));
        assertEquals(Map.of("k", 2), s.getMap("attrs"));
        assertEquals("Oslo", s.getStruct("address").getString("city"));
        assertArrayEquals(new byte[] {1, 2}, s.getBytes("raw"));
        assertEquals(PERSON, s.schema());
    }

    @Test
    void wrongTypesAndUnknownFieldsAreRejectedOnPut() {
        Struct s = new Struct(PERSON);
        DataException e = assertThrows(DataException.class, () -> s.put("id", "one"));
        assertTrue(e.getMessage().contains("id"), e.getMessage());
        assertThrows(DataException.class, () -> s.put("id", 1L));
        assertThrows(DataException.class, () -> s.put("tags", List.of(1)));
        assertThrows(DataException.class, () -> s.put("nope", 1));
        assertThrows(DataException.class, () -> s.getString("id"));
        assertThrows(DataException.class, () -> new Struct(Schema.STRING_SCHEMA));
    }

    @Test
    void validateNamesAMissingRequiredField() {
        Struct s = new Struct(PERSON).put("id", 1);
        DataException e = assertThrows(DataException.class, s::validate);
        assertTrue(e.getMessage().contains("tags"), e.getMessage());
    }

    @Test
    void validateStillChecksContainersChangedAfterPutAndNestedStructsOnPut() {
        List<Object> tags = new java.util.ArrayList<>(List.of("a"));
        Struct s = person().put("tags", tags);
        assertDoesNotThrow(s::validate);
        tags.add(7); // changed behind the struct's back: only a second look finds it
        DataException e = assertThrows(DataException.class, s::validate);
        assertTrue(e.getMessage().contains("tags"), e.getMessage());
        DataException nested = assertThrows(DataException.class,
                () -> new Struct(PERSON).put("address", new Struct(ADDRESS)));
        assertTrue(nested.getMessage().contains("city"), nested.getMessage());
    }

    @Test
    void equalityComparesSchemaAndValuesIncludingBytes() {
        assertEquals(person().put("raw", new byte[] {3}), person().put("raw", new byte[] {3}));
        assertEquals(person().hashCode(), person().hashCode());
        assertNotEquals(person(), person().put("name", "x"));
    }
}
