package dev.millrace.connect.postgres.event;

/** One row's column values in PostgreSQL's text format, from a snapshot query or a pgoutput tuple. */
public interface RowValues {

    /** The text of column {@code i}; null for SQL NULL and for a value that was not sent. */
    String text(int i);

    /** True when column {@code i} is an unchanged TOASTed value that pgoutput did not send. */
    boolean unavailable(int i);

    static RowValues of(String[] texts) {
        return new RowValues() {
            @Override
            public String text(int i) {
                return texts[i];
            }

            @Override
            public boolean unavailable(int i) {
                return false;
            }
        };
    }
}
