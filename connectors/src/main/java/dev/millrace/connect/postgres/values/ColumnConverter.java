package dev.millrace.connect.postgres.values;

import dev.millrace.connect.data.Schema;

/** Converts one column's PostgreSQL text values into the Connect value its {@link #schema()} describes. */
public interface ColumnConverter {

    Schema schema();

    /** The value for PostgreSQL's text output {@code text} (never null: null columns never reach a converter). */
    Object convert(String text);

    /**
     * The value that stands for an unchanged TOASTed column pgoutput did not send: Debezium's placeholder for text,
     * its bytes for bytea, a one-element array of it for text arrays, null where the type has no such form.
     */
    Object unavailable();
}
