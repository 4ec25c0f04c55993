package dev.millrace.connect.postgres.values;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's data types by OID, loaded from pg_type and pg_enum in one query each and reloaded when a type the
 * connector has not seen turns up (a new enum, or a pgoutput Type message after DDL).
 */
public final class TypeRegistry {
    private static final String TYPES = "SELECT t.oid, n.nspname, t.typname, t.typtype, t.typcategory, t.typelem,"
            + " t.typbasetype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace";
    private static final String ENUMS = "SELECT enumtypid, string_agg(enumlabel, E'\\x01' ORDER BY enumsortorder)"
            + " FROM pg_enum GROUP BY enumtypid";

    private final Connection connection;
    private volatile Map<Integer, PgType> types = Map.of();

    public TypeRegistry(Connection connection) throws SQLException {
        this.connection = connection;
        reload();
    }

    /** The type with this OID, reloading the catalogue once if it is unknown. */
    public PgType get(int oid) throws SQLException {
        PgType t = types.get(oid);
        if (t == null) {
            reload();
            t = types.get(oid);
            if (t == null) {
                throw new SQLException("unknown PostgreSQL type OID " + oid);
            }
        }
        return t;
    }

    /** Reloads the whole catalogue (a changed enum keeps its OID but gains labels). */
    public synchronized void reload() throws SQLException {
        Map<Integer, List<String>> labels = new HashMap<>();
        Map<Integer, PgType> loaded = new HashMap<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery(ENUMS)) {
                while (rs.next()) {
                    labels.put((int) rs.getLong(1), Arrays.asList(rs.getString(2).split("\u0001")));
                }
            }
            try (ResultSet rs = s.executeQuery(TYPES)) {
                while (rs.next()) {
                    int oid = (int) rs.getLong(1);
                    loaded.put(oid, new PgType(oid, rs.getString(2), rs.getString(3), rs.getString(4).charAt(0),
                            rs.getString(5).charAt(0), (int) rs.getLong(6), (int) rs.getLong(7),
                            labels.getOrDefault(oid, List.of())));
                }
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        types = Map.copyOf(loaded);
    }
}
