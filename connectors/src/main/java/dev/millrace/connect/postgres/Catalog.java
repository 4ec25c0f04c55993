package dev.millrace.connect.postgres;

import dev.millrace.connect.postgres.event.ColumnDef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The catalogue queries the connector needs: which tables exist, and a table's columns and primary key. */
final class Catalog {
    private static final String TABLES = "SELECT n.nspname, c.relname FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
            + " ORDER BY 1, 2";
    private static final String COLUMNS = "SELECT a.attname, a.atttypid, a.atttypmod, a.attnotnull,"
            + " COALESCE(a.attnum = ANY (i.indkey), false) FROM pg_attribute a"
            + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary"
            + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped"
            + " AND a.attgenerated = '' ORDER BY a.attnum";

    /** A table by schema and name. */
    record TableId(String schema, String table) {
        String quoted() {
            return quote(schema) + "." + quote(table);
        }

        @Override
        public String toString() {
            return schema + "." + table;
        }
    }

    private Catalog() {
    }

    /** Every ordinary and partitioned table outside the system schemas that the config captures. */
    static List<TableId> capturedTables(Connection c, PostgresConnectorConfig config) throws SQLException {
        List<TableId> out = new ArrayList<>();
        for (TableId t : allTables(c)) {
            if (config.captures(t.schema(), t.table())) {
                out.add(t);
            }
        }
        return out;
    }

    static List<TableId> allTables(Connection c) throws SQLException {
        List<TableId> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(TABLES); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new TableId(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    /** The table's columns in attribute order, as pgoutput sends them (dropped and generated columns left out). */
    static List<ColumnDef> columns(Connection c, String schema, String table) throws SQLException {
        List<ColumnDef> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(COLUMNS)) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new ColumnDef(rs.getString(1), (int) rs.getLong(2), rs.getInt(3), !rs.getBoolean(4),
                            rs.getBoolean(5)));
                }
            }
        }
        return out;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
