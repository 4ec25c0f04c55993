package dev.millrace.connect.data;

import dev.millrace.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LogicalTypesTest {

    @Test
    void decimalIsBytesOfTheUnscaledValueWithScaleParameter() {
        Schema schema = Decimal.schema(2);
        assertEquals("org.apache.kafka.connect.data.Decimal", schema.name());
        assertEquals(Schema.Type.BYTES, schema.type());
        assertEquals("2", schema.parameters().get("scale"));
        BigDecimal value = new BigDecimal("-123.45");
        byte[] bytes = Decimal.fromLogical(schema, value);
        assertArrayEquals(BigInteger.valueOf(-12345).toByteArray(), bytes);
        assertEquals(value, Decimal.toLogical(schema, bytes));
        assertThrows(DataException.class, () -> Decimal.fromLogical(schema, new BigDecimal("1.5")));
        new Struct(SchemaBuilder.struct().field("d", schema).build()).put("d", value);
    }

    @Test
    void dateIsDaysSinceEpoch() {
        assertEquals("org.apache.kafka.connect.data.Date", Date.SCHEMA.name());
        assertEquals(Schema.Type.INT32, Date.SCHEMA.type());
        java.util.Date day = new java.util.Date(19_000L * 86_400_000L);
        assertEquals(19_000, Date.fromLogical(Date.SCHEMA, day));
        assertEquals(day, Date.toLogical(Date.SCHEMA, 19_000));
        assertEquals(-1, Date.fromLogical(Date.SCHEMA, new java.util.Date(-86_400_000L)));
        assertThrows(DataException.class, () -> Date.fromLogical(Date.SCHEMA, new java.util.Date(1000)));
    }

    @Test
    void timeIsMillisSinceMidnight() {
        assertEquals("org.apache.kafka.connect.data.Time", Time.SCHEMA.name());
        assertEquals(Schema.Type.INT32, Time.SCHEMA.type());
        assertEquals(3_600_000, Time.fromLogical(Time.SCHEMA, new java.util.Date(3_600_000)));
        assertThrows(DataException.class, () -> Time.fromLogical(Time.SCHEMA, new java.util.Date(86_400_000L)));
    }

    @Test
    void timestampIsMillisSinceEpoch() {
        assertEquals("org.apache.kafka.connect.data.Timestamp", Timestamp.SCHEMA.name());
        assertEquals(Schema.Type.INT64, Timestamp.SCHEMA.type());
        assertEquals(1_700_000_000_123L, Timestamp.fromLogical(Timestamp.SCHEMA, new java.util.Date(1_700_000_000_123L)));
        assertThrows(DataException.class, () -> Timestamp.fromLogical(Date.SCHEMA, new java.util.Date(0)));
    }

    @Test
    void logicalSchemasAcceptOnlyTheirJavaTypes() {
        Schema schema = SchemaBuilder.struct().field("ts", Timestamp.SCHEMA).build();
        assertThrows(DataException.class, () -> new Struct(schema).put("ts", 5L));
        new Struct(schema).put("ts", new java.util.Date(5));
    }
}
