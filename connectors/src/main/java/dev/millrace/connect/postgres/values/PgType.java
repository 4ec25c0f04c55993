package dev.millrace.connect.postgres.values;

import java.util.List;

/**
 * A PostgreSQL data type as read from pg_type: {@code kind} is typtype ('b' base, 'e' enum, 'd' domain, ...),
 * {@code elementOid} the element type of an array (0 otherwise), {@code baseOid} a domain's base type, and
 * {@code enumLabels} an enum's labels in sort order.
 */
public record PgType(int oid, String schema, String name, char kind, char category, int elementOid, int baseOid,
                     List<String> enumLabels) {

    public boolean isArray() {
        return category == 'A' && elementOid != 0;
    }

    public boolean isEnum() {
        return kind == 'e';
    }

    public boolean isDomain() {
        return kind == 'd';
    }
}
