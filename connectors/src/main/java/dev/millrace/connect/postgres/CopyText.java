package dev.millrace.connect.postgres;

import java.nio.charset.StandardCharsets;

/**
 * Splits one row of {@code COPY ... TO STDOUT} in text format (one CopyData message, UTF-8) into its columns' texts:
 * columns end at a tab, the row at a newline, {@code \N} alone is SQL NULL, and a backslash escapes the byte after
 * it ({@code \b \f \n \r \t \v}, one to three octal digits, {@code \x} with one or two hex digits, any other byte
 * stands for itself). The texts are the types' output functions' text, as a text-mode SELECT returns them.
 * Escapes are undone on bytes, before UTF-8 decoding, because an octal or hex escape may stand for one byte of a
 * multi-byte character.
 */
final class CopyText {
    private CopyText() {
    }

    /** The row's {@code columns} texts, null for NULL; fails unless the row has exactly that many columns. */
    static String[] columns(byte[] row, int columns) {
        String[] out = new String[columns];
        int end = row.length;
        if (end > 0 && row[end - 1] == '\n') {
            end--;
        }
        if (columns == 0) {
            if (end != 0) {
                throw new IllegalArgumentException("COPY row has columns, expected none");
            }
            return out;
        }
        int start = 0;
        for (int col = 0; col < columns; col++) {
            int i = start;
            boolean escaped = false;
            while (i < end && row[i] != '\t') {
                if (row[i] == '\\') {
                    escaped = true;
                    i++; // the escaped byte is never a delimiter
                }
                i++;
            }
            i = Math.min(i, end);
            if (i - start == 2 && row[start] == '\\' && row[start + 1] == 'N') {
                out[col] = null;
            } else if (escaped) {
                out[col] = unescape(row, start, i);
            } else {
                out[col] = new String(row, start, i - start, StandardCharsets.UTF_8);
            }
            if (col < columns - 1 && i >= end) {
                throw new IllegalArgumentException("COPY row has " + (col + 1) + " columns, expected " + columns);
            }
            start = i + 1;
        }
        if (start <= end) {
            throw new IllegalArgumentException("COPY row has more than " + columns + " columns");
        }
        return out;
    }

    private static String unescape(byte[] row, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            byte b = row[i++];
            if (b != '\\' || i >= to) {
                out[n++] = b;
                continue;
            }
            byte c = row[i++];
            switch (c) {
                case 'b' -> out[n++] = '\b';
                case 'f' -> out[n++] = '\f';
                case 'n' -> out[n++] = '\n';
                case 'r' -> out[n++] = '\r';
                case 't' -> out[n++] = '\t';
                case 'v' -> out[n++] = 0x0b;
                case 'x' -> {
                    int v = 0;
                    int digits = 0;
                    while (digits < 2 && i < to && Character.digit(row[i], 16) >= 0) {
                        v = v * 16 + Character.digit(row[i++], 16);
                        digits++;
                    }
                    out[n++] = digits == 0 ? (byte) 'x' : (byte) v;
                }
                default -> {
                    if (c >= '0' && c <= '7') {
                        int v = c - '0';
                        for (int digits = 1; digits < 3 && i < to && row[i] >= '0' && row[i] <= '7'; digits++) {
                            v = v * 8 + (row[i++] - '0');
                        }
                        out[n++] = (byte) v;
                    } else {
                        out[n++] = c;
                    }
                }
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
