package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** COPY's text format by hand, including escapes PostgreSQL accepts but does not emit (octal, hex). */
class CopyTextTest {

    private static String[] split(String row, int columns) {
        return CopyText.columns(row.getBytes(StandardCharsets.UTF_8), columns);
    }

    @Test
    void tabsSeparateColumnsAndBackslashNAloneIsNull() {
        assertArrayEquals(new String[] {"1", null, "", "x"}, split("1\t\\N\t\tx\n", 4));
        assertArrayEquals(new String[] {"\\N", "N"}, split("\\\\N\tN\n", 2), "an escaped backslash before N is text");
        assertArrayEquals(new String[] {null}, split("\\N\n", 1));
        assertArrayEquals(new String[] {""}, split("\n", 1));
        assertArrayEquals(new String[] {"no newline"}, split("no newline", 1));
    }

    @Test
    void controlCharacterEscapesAndBackslashes() {
        assertArrayEquals(new String[] {"a\tb\nc\rd\be\ff\u000bg\\h"},
                split("a\\tb\\nc\\rd\\be\\ff\\vg\\\\h\n", 1));
        assertArrayEquals(new String[] {"x", "\\x00ff"}, split("x\t\\\\x00ff\n", 2), "bytea hex output");
        assertArrayEquals(new String[] {"q", "z"}, split("\\q\t\\z\n", 2), "any other escaped byte is itself");
    }

    @Test
    void octalAndHexEscapesAreBytesOfUtf8() {
        // é is C3 A9 in UTF-8: one character written as two escaped bytes
        assertArrayEquals(new String[] {"é", "é", "A7", "\u0001"}, split("\\303\\251\t\\xc3\\xa9\t\\1017\t\\x1\n", 4));
        assertArrayEquals(new String[] {"x"}, split("\\x\n", 1), "\\x without hex digits is x");
    }

    @Test
    void multiByteTextPassesThrough() {
        assertArrayEquals(new String[] {"zoë ∑ 😀", "日本"}, split("zoë ∑ 😀\t日本\n", 2));
    }

    @Test
    void aRowWithTooFewOrTooManyColumnsFails() {
        assertThrows(IllegalArgumentException.class, () -> split("1\t2\n", 3));
        assertThrows(IllegalArgumentException.class, () -> split("1\t2\t3\n", 2));
        assertArrayEquals(new String[0], split("\n", 0), "a table without columns copies empty rows");
    }
}
