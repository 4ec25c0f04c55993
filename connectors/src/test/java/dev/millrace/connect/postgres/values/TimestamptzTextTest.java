package dev.millrace.connect.postgres.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand parser of timestamptz text against java.time: random instants written the way PostgreSQL prints them
 * (years up to 294276, BC dates, fractions of one to six digits, offsets with minutes and seconds) must come out as
 * {@code ISO_OFFSET_DATE_TIME} prints the same instant in UTC.
 */
class TimestamptzTextTest {

    @Test
    void randomValuesMatchJavaTime() {
        Random random = new Random(20261126);
        for (int n = 0; n < 50_000; n++) {
            int kind = random.nextInt(10);
            // mostly recent years, some from year 1 to 294276 AD and 4713 BC
            int year = kind < 6 ? 1900 + random.nextInt(200) : kind < 8 ? 1 + random.nextInt(294_276)
                    : -4712 + random.nextInt(4713);
            LocalDateTime local = LocalDateTime.of(year, 1, 1, 0, 0)
                    .plusSeconds(random.nextLong(365L * 86_400))
                    .withNano(random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000) * 1_000);
            if (local.getYear() != year || year > 294_276) {
                continue;
            }
            int offsetSeconds = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> (random.nextInt(31) - 15) * 3600;
                case 2 -> (random.nextInt(31) - 15) * 3600 + (random.nextBoolean() ? 1800 : -2700);
                default -> random.nextInt(2 * 15 * 3600 + 1) - 15 * 3600;
            };
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetSeconds);
            String text = postgresText(local, offsetSeconds);
            String expected = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    OffsetDateTime.of(local, offset).withOffsetSameInstant(ZoneOffset.UTC));
            assertEquals(expected, TimestamptzText.toUtcIso(text), text);
            assertEquals(expected, PgText.zonedTimestamp(text), text);
            if (year >= 1 && year <= 9999) {
                // the java.time path, which PgText used for every value before, agrees where it can parse
                assertEquals(expected, PgText.zonedTimestampByJavaTime(text), text);
            }
        }
    }

    @Test
    void fixedValuesOfEveryForm() {
        assertEquals("2024-01-01T00:00:00Z", TimestamptzText.toUtcIso("2024-01-01 05:30:00+05:30"));
        assertEquals("2024-01-01T12:00:00.123456Z", TimestamptzText.toUtcIso("2024-01-01 07:00:00.123456-05"));
        assertEquals("1900-01-01T00:00:00Z", TimestamptzText.toUtcIso("1900-01-01 00:53:28+00:53:28"));
        assertEquals("2024-03-01T00:00:00.5Z", TimestamptzText.toUtcIso("2024-02-29 23:00:00.5-01"));
        assertEquals("-0043-03-15T11:00:00Z", TimestamptzText.toUtcIso("0044-03-15 12:00:00+01 BC"));
        assertEquals("0000-12-31T23:00:00Z", TimestamptzText.toUtcIso("0001-01-01 00:00:00+01"));
        assertEquals("-0004-02-29T00:00:00Z", TimestamptzText.toUtcIso("0005-02-29 00:00:00+00 BC")); // a leap year
        assertEquals("+10000-01-01T00:00:00.000001Z", TimestamptzText.toUtcIso("10000-01-01 00:00:00.000001+00"));
        assertEquals("-0043-03-15T12:00:00Z", PgText.zonedTimestampByJavaTime("0044-03-15 12:00:00+00 BC"));
    }

    @Test
    void textOutsideTheFormIsLeftToJavaTime() {
        for (String text : new String[] {"infinity", "2024-01-01", "2024-01-01 00:00:00", "2024-13-01 00:00:00+00",
                "2023-02-29 00:00:00+00", "2024-01-01 24:00:00+00", "2024-01-01 00:00:00.+00",
                "2024-01-01 00:00:00+0", "2024-01-01 00:00:00+01:6x", "2024-01-01T00:00:00+00",
                "2024-01-01 00:00:00+00 AD", "2024-01-01 00:00:00+19", "24-01-01 00:00:00+00",
                "2024-01-01 00:00:00.1234567890+00", "2024-01-01 0a:00:00+00"}) {
            assertNull(TimestamptzText.toUtcIso(text), text);
        }
        assertNotNull(TimestamptzText.toUtcIso("2024-01-01 00:00:00.123456789+00"));
    }

    /** As PostgreSQL prints it: four-digit years at least, " BC", trailing fraction zeros dropped, short offsets. */
    private static String postgresText(LocalDateTime t, int offsetSeconds) {
        int year = t.getYear();
        boolean bc = year <= 0;
        StringBuilder b = new StringBuilder(String.format("%04d-%02d-%02d %02d:%02d:%02d", bc ? 1 - year : year,
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        if (t.getNano() != 0) {
            String micros = String.format("%06d", t.getNano() / 1_000).replaceAll("0+$", "");
            b.append('.').append(micros);
        }
        int abs = Math.abs(offsetSeconds);
        b.append(offsetSeconds < 0 ? '-' : '+').append(String.format("%02d", abs / 3600));
        if (abs % 3600 != 0) {
            b.append(String.format(":%02d", abs / 60 % 60));
            if (abs % 60 != 0) {
                b.append(String.format(":%02d", abs % 60));
            }
        }
        return b.append(bc ? " BC" : "").toString();
    }
}
