package dev.millrace.connect.postgres.values;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A hand parser and formatter for the one timestamptz form PostgreSQL prints (DateStyle ISO):
 * {@code YYYY-MM-DD HH:MM:SS[.f]+HH[:MM[:SS]][ BC]}, to ISO-8601 in UTC as {@code DateTimeFormatter
 * .ISO_OFFSET_DATE_TIME} writes it. A snapshot converts one such value per row and java.time's parser and formatter
 * were most of that cost; anything outside this form returns null so the caller falls back to java.time.
 */
final class TimestamptzText {
    private static final int SECONDS_PER_DAY = 86_400;
    /** ZoneOffset's bound: ±18:00. */
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private TimestamptzText() {
    }

    /** The instant as {@code ISO_OFFSET_DATE_TIME} prints it in UTC, or null if {@code text} is not in the form. */
    static String toUtcIso(String text) {
        int n = text.length();
        boolean bc = text.endsWith(" BC");
        if (bc) {
            n -= 3;
        }
        // year: four digits or more
        int i = 0;
        long year = 0;
        while (i < n && isDigit(text.charAt(i))) {
            year = year * 10 + (text.charAt(i) - '0');
            if (++i > 7) {
                return null; // PostgreSQL's years end at 294276
            }
        }
        if (i < 4 || i + 15 > n || text.charAt(i) != '-' || text.charAt(i + 3) != '-' || text.charAt(i + 6) != ' '
                || text.charAt(i + 9) != ':' || text.charAt(i + 12) != ':') {
            return null;
        }
        int month = twoDigits(text, i + 1);
        int day = twoDigits(text, i + 4);
        int hour = twoDigits(text, i + 7);
        int minute = twoDigits(text, i + 10);
        int second = twoDigits(text, i + 13);
        if (bc) {
            year = 1 - year;
        }
        if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        i += 15;
        int nanos = 0;
        if (i < n && text.charAt(i) == '.') {
            int digits = 0;
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                if (++digits > 9) {
                    return null;
                }
                nanos = nanos * 10 + (text.charAt(i++) - '0');
            }
            if (digits == 0) {
                return null;
            }
            for (int d = digits; d < 9; d++) {
                nanos *= 10;
            }
        }
        // the offset: +HH, +HH:MM or +HH:MM:SS
        if (i + 3 > n || (text.charAt(i) != '+' && text.charAt(i) != '-')) {
            return null;
        }
        int sign = text.charAt(i) == '-' ? -1 : 1;
        int offset = twoDigits(text, i + 1) * 3600;
        i += 3;
        for (int unit = 60; unit >= 1 && i < n; unit /= 60) {
            if (i + 3 > n || text.charAt(i) != ':') {
                return null;
            }
            int part = twoDigits(text, i + 1);
            if (part < 0 || part > 59) {
                return null;
            }
            offset += part * unit;
            i += 3;
        }
        if (i != n || offset < 0 || offset > MAX_OFFSET_SECONDS) {
            return null;
        }
        long epochSecond = LocalDate.of((int) year, month, day).toEpochDay() * SECONDS_PER_DAY
                + hour * 3600L + minute * 60L + second - sign * (long) offset;
        return format(LocalDateTime.ofEpochSecond(epochSecond, nanos, ZoneOffset.UTC));
    }

    /** {@code ISO_OFFSET_DATE_TIME} of a UTC date-time: a sign past four year digits, the fraction without trailing zeros. */
    private static String format(LocalDateTime t) {
        StringBuilder b = new StringBuilder(32);
        int year = t.getYear();
        int absYear = Math.abs(year);
        if (absYear < 10_000) {
            if (year < 0) {
                b.append('-');
            }
            b.append((char) ('0' + absYear / 1000)).append((char) ('0' + absYear / 100 % 10));
            pad2(b, absYear % 100);
        } else {
            b.append(year < 0 ? '-' : '+').append(absYear);
        }
        b.append('-');
        pad2(b, t.getMonthValue());
        b.append('-');
        pad2(b, t.getDayOfMonth());
        b.append('T');
        pad2(b, t.getHour());
        b.append(':');
        pad2(b, t.getMinute());
        b.append(':');
        pad2(b, t.getSecond());
        int nanos = t.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            b.append('.');
            String s = Integer.toString(nanos);
            for (int z = s.length(); z < digits; z++) {
                b.append('0');
            }
            b.append(s);
        }
        return b.append('Z').toString();
    }

    private static void pad2(StringBuilder b, int v) {
        b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** The two digits at {@code at} as a number, or -1 if either is not a digit. */
    private static int twoDigits(String text, int at) {
        char a = text.charAt(at);
        char b = text.charAt(at + 1);
        return isDigit(a) && isDigit(b) ? (a - '0') * 10 + (b - '0') : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int monthLength(long year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
