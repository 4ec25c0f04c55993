package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.millrace.connect.postgres.values.PgText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL text output forms the end-to-end type test does not reach: signs, eras, infinities, quoting. */
class PgTextTest {

    @Test
    void intervalsWithNegativePartsAndMonthsUseDebeziumsAverageMonth() {
        assertEquals(-((3 * 86_400L + 4 * 3600) * 1_000_000L), PgText.intervalMicros("-3 days -04:00:00"));
        assertEquals(Math.round((-1 * 12 * 365.25 / 12 + 2) * 86_400 * 1_000_000), PgText.intervalMicros("-1 years +2 days"));
        assertEquals(1_500_000L, PgText.intervalMicros("00:00:01.5"));
        assertEquals(Math.round(365.25 / 12 * 86_400 * 1_000_000), PgText.intervalMicros("1 mon"));
    }

    @Test
    void datesAndTimestampsBeforeChristAndInfinity() {
        assertEquals(LocalDate.of(-43, 3, 15).toEpochDay(), PgText.epochDays("0044-03-15 BC"));
        assertEquals(Integer.MAX_VALUE, PgText.epochDays("infinity"));
        assertEquals(Long.MIN_VALUE, PgText.epochMicros("-infinity"));
        assertEquals("infinity", PgText.zonedTimestamp("infinity"));
        assertEquals(86_400_000_000L, PgText.microsOfDay("24:00:00"));
    }

    @Test
    void timestamptzOffsetsOfEveryFormBecomeUtc() {
        assertEquals("2024-01-01T00:00:00Z", PgText.zonedTimestamp("2024-01-01 05:30:00+05:30"));
        assertEquals("2024-01-01T12:00:00.123456Z", PgText.zonedTimestamp("2024-01-01 07:00:00.123456-05"));
        assertEquals("1900-01-01T00:00:00Z", PgText.zonedTimestamp("1900-01-01 00:53:28+00:53:28"));
    }

    @Test
    void arrayLiteralsWithQuotesEscapesAndNulls() {
        assertEquals(Arrays.asList("a,b", null, "NULL", "x\\y", "\"q\""),
                PgText.arrayElements("{\"a,b\",NULL,\"NULL\",\"x\\\\y\",\"\\\"q\\\"\"}"));
        assertEquals(List.of(), PgText.arrayElements("{}"));
        assertEquals(List.of("1", "2"), PgText.arrayElements("[0:1]={1,2}"));
    }

    @Test
    void byteaInHexAndEscapeFormsAndNumericSpecials() {
        assertArrayEquals(new byte[] {(byte) 0xde, (byte) 0xad}, PgText.bytea("\\xdead"));
        assertArrayEquals(new byte[] {'a', 0, '\\'}, PgText.bytea("a\\000\\\\"));
        assertNull(PgText.numeric("NaN"));
        assertEquals(new BigDecimal("-0.0010"), PgText.numeric("-0.0010"));
    }
}
