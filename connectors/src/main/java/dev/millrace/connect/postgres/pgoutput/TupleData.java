package dev.millrace.connect.postgres.pgoutput;

import java.nio.charset.StandardCharsets;

/**
 * The column values of one row as sent by pgoutput: for each column a kind ('n' null, 'u' unchanged TOASTed value
 * that was not sent, 't' text) and, for text, PostgreSQL's text output of the value.
 */
public final class TupleData {
    public static final char NULL = 'n';
    public static final char UNCHANGED_TOAST = 'u';
    public static final char TEXT = 't';

    private final char[] kinds;
    private final byte[][] values;

    TupleData(char[] kinds, byte[][] values) {
        this.kinds = kinds;
        this.values = values;
    }

    public int size() {
        return kinds.length;
    }

    public char kind(int column) {
        return kinds[column];
    }

    /** The text value of a column, or null when the column is null or an unchanged TOAST value. */
    public String text(int column) {
        byte[] v = values[column];
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < kinds.length; i++) {
            b.append(i == 0 ? "" : ", ").append(kinds[i] == TEXT ? text(i) : String.valueOf(kinds[i]));
        }
        return b.append(')').toString();
    }
}
