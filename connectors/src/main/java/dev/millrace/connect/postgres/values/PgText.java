package dev.millrace.connect.postgres.values;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Parsers for PostgreSQL's text output of values (DateStyle ISO, IntervalStyle postgres, bytea_output hex), which
 * is what pgoutput protocol 1 sends and what a text-mode JDBC query returns, into Debezium's encodings.
 */
public final class PgText {
    /** Debezium's average month for intervals: 365.25 / 12 days. */
    static final double DAYS_PER_MONTH_AVG = 365.25 / 12.0;
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private PgText() {
    }

    public static boolean bool(String text) {
        return text.equals("t") || text.equalsIgnoreCase("true");
    }

    /** bytea in hex output ("\x0a0b"); the escape format is accepted too. */
    public static byte[] bytea(String text) {
        if (text.startsWith("\\x")) {
            return HexFormat.of().parseHex(text, 2, text.length());
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else if (c == '\\' && i + 3 < text.length()) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** numeric; "NaN" and infinities have no Decimal form and are returned as null. */
    public static BigDecimal numeric(String text) {
        if (text.equals("NaN") || text.endsWith("Infinity")) {
            return null;
        }
        return new BigDecimal(text);
    }

    /** date → days since 1970-01-01 (io.debezium.time.Date); ±infinity → Integer.MAX_VALUE / MIN_VALUE. */
    public static int epochDays(String text) {
        if (text.equals("infinity") || text.equals("-infinity")) {
            return text.startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
        return (int) date(text).toEpochDay();
    }

    /** time → microseconds past midnight (io.debezium.time.MicroTime); "24:00:00" is a full day. */
    public static long microsOfDay(String text) {
        if (text.startsWith("24:00")) {
            return 86_400_000_000L;
        }
        return LocalTime.parse(text).toNanoOfDay() / 1_000;
    }

    /** timestamp → microseconds since the epoch, read as UTC (io.debezium.time.MicroTimestamp). */
    public static long epochMicros(String text) {
        if (text.equals("infinity") || text.equals("-infinity")) {
            return text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        LocalDateTime t = localDateTime(text);
        return ChronoUnit.MICROS.between(EPOCH, t);
    }

    /** timestamptz → ISO-8601 in UTC ending in Z (io.debezium.time.ZonedTimestamp). */
    public static String zonedTimestamp(String text) {
        if (text.equals("infinity") || text.equals("-infinity")) {
            return text;
        }
        String fast = TimestamptzText.toUtcIso(text);
        return fast != null ? fast : zonedTimestampByJavaTime(text);
    }

    /** {@link #zonedTimestamp} through java.time's parser and formatter: the reference, and the fallback. */
    static String zonedTimestampByJavaTime(String text) {
        OffsetDateTime t = offsetDateTime(text).withOffsetSameInstant(ZoneOffset.UTC);
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    static LocalDate date(String text) {
        boolean bc = text.endsWith(" BC");
        LocalDate d = LocalDate.parse(bc ? text.substring(0, text.length() - 3) : text);
        return bc ? d.withYear(1 - d.getYear()) : d;
    }

    static LocalDateTime localDateTime(String text) {
        boolean bc = text.endsWith(" BC");
        String t = bc ? text.substring(0, text.length() - 3) : text;
        LocalDateTime v = LocalDateTime.parse(t.replace(' ', 'T'));
        return bc ? v.withYear(1 - v.getYear()) : v;
    }

    static OffsetDateTime offsetDateTime(String text) {
        boolean bc = text.endsWith(" BC");
        String t = (bc ? text.substring(0, text.length() - 3) : text).replace(' ', 'T');
        int sign = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
        if (sign <= 10) {
            throw new IllegalArgumentException("timestamptz without offset: " + text);
        }
        String local = t.substring(0, sign);
        String offset = t.substring(sign);
        if (offset.length() == 3) {
            offset += ":00";
        }
        LocalDateTime v = LocalDateTime.parse(local);
        return OffsetDateTime.of(bc ? v.withYear(1 - v.getYear()) : v, ZoneOffset.of(offset));
    }

    /**
     * interval (IntervalStyle postgres, e.g. "1 year 2 mons -3 days 04:05:06.5") → microseconds, months counted as
     * Debezium's average month (io.debezium.time.MicroDuration).
     */
    public static long intervalMicros(String text) {
        long years = 0;
        long months = 0;
        long days = 0;
        double seconds = 0;
        String[] parts = text.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.contains(":")) {
                boolean negative = p.startsWith("-");
                String[] hms = (negative || p.startsWith("+") ? p.substring(1) : p).split(":");
                double s = Long.parseLong(hms[0]) * 3600.0 + Long.parseLong(hms[1]) * 60.0
                        + (hms.length > 2 ? Double.parseDouble(hms[2]) : 0);
                seconds += negative ? -s : s;
                continue;
            }
            long n = Long.parseLong(p);
            String unit = parts[++i];
            if (unit.startsWith("year")) {
                years += n;
            } else if (unit.startsWith("mon")) {
                months += n;
            } else if (unit.startsWith("day")) {
                days += n;
            } else {
                throw new IllegalArgumentException("interval unit '" + unit + "' in " + text);
            }
        }
        double totalDays = (years * 12 + months) * DAYS_PER_MONTH_AVG + days;
        double totalSeconds = totalDays * 86_400 + seconds;
        return Math.round(totalSeconds * 1_000_000);
    }

    /**
     * A one-dimensional array literal ("{1,2,NULL}", "{\"a b\",c}") → its element texts, null for NULL elements.
     */
    public static List<String> arrayElements(String text) {
        List<String> out = new ArrayList<>();
        int start = text.indexOf('{');
        if (start < 0 || !text.endsWith("}")) {
            throw new IllegalArgumentException("not an array literal: " + text);
        }
        int i = start + 1;
        int end = text.length() - 1;
        if (i == end) {
            return out;
        }
        while (i <= end) {
            StringBuilder b = new StringBuilder();
            boolean quoted = false;
            if (text.charAt(i) == '{') {
                throw new IllegalArgumentException("multi-dimensional arrays are not supported: " + text);
            }
            if (text.charAt(i) == '"') {
                quoted = true;
                i++;
                while (text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                    b.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < end && text.charAt(i) != ',') {
                    b.append(text.charAt(i++));
                }
            }
            String element = b.toString();
            out.add(!quoted && element.equals("NULL") ? null : element);
            i++; // the ',' or the closing '}'
        }
        return out;
    }
}
