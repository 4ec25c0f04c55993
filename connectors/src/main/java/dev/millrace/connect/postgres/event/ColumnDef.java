package dev.millrace.connect.postgres.event;

/** A captured table's column: its type, whether it may be null, and whether it belongs to the primary key. */
public record ColumnDef(String name, int typeOid, int typeModifier, boolean optional, boolean primaryKey) {
}
