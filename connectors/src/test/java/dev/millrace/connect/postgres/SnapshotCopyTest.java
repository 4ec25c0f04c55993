package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.millrace.connect.data.Struct;
import dev.millrace.connect.postgres.event.ChangeEvents;
import dev.millrace.connect.postgres.event.RowValues;
import dev.millrace.connect.postgres.event.SourceInfo;
import dev.millrace.connect.postgres.event.TableSchema;
import dev.millrace.connect.postgres.values.ColumnConverters;
import dev.millrace.connect.postgres.values.TypeRegistry;
import dev.millrace.connect.source.SourceRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The snapshot reads tables with COPY's text format: on a real PostgreSQL, every type the connector maps (and one it
 * passes through) with the values that need escaping or have unusual output (tabs, newlines, backslashes, "\N" as
 * text, control characters, multi-byte text, bytea bytes, quoted array elements, NaN, infinities, BC dates) must
 * come out exactly as a text-mode SELECT returns them, and {@link SnapshotReader} must read them inside the
 * exported snapshot, partitioned tables included.
 */
class SnapshotCopyTest {
    private static final String COLUMNS = "id int PRIMARY KEY, i2 smallint, i8 bigint, o oid, n numeric(10,3),"
            + " nv numeric, f4 real, f8 double precision, b boolean, t text, vc varchar(20), c char(5), ch \"char\","
            + " nm name, by bytea, u uuid, j json, jb jsonb, d date, tm time, ts timestamp, tstz timestamptz,"
            + " iv interval, arr int[], tarr text[], e color, dm posint, pt point, req text NOT NULL";
    private static final String[] ROWS = {
        "1, -7, 9000000000, 42, 12345.678, 3.14159, 1.5, 2.25, true, 'hello', 'var', 'ab', 'x', 'a name',"
                + " '\\x00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": 1}', '{\"b\": [1, 2]}',"
                + " '2024-02-29', '13:45:30.123456', '2024-02-29 13:45:30.5', '2024-02-29 13:45:30.5+02',"
                + " '1 year 2 mons 3 days 04:05:06.5', '{1,2,NULL}', '{\"a b\",\"c\\\"d\"}', 'green', 5, '(1,2)', 'r'",
        "2, NULL, NULL, NULL, NULL, 'NaN', 'NaN', '-Infinity', false,"
                + " E'tab\\there new\\nline cr\\rret back\\\\slash \\\\N bell\\007 bs\\b ff\\f vt' || chr(11),"
                + " E'\\\\N', 'é  ', E'\\\\', E'tab\\tname', '\\x5c090a0d4e00ff', NULL,"
                + " E'{\"k\": \"tab\\\\t \\\\\\\\ \\\\\"q\\\\\"\"}', '{\"ü\": \"😀\"}', '0044-03-15 BC',"
                + " '24:00:00', 'infinity', '-infinity', '-3 days -04:00:00', '{}',"
                + " ARRAY[E'a\\tb', 'x\"y', E'p\\\\q', NULL, '', 'NULL', 'with,comma', '{brace}', E'nl\\nx'],"
                + " 'red', NULL, NULL, ''",
        "3, 32767, -9223372036854775808, 0, -0.001, -123456789012345678901234567890.123456789, '-0', 'Infinity',"
                + " NULL, 'zoë ∑ 😀 日本', '', '', NULL, '', '', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'null',"
                + " '\"str\"', 'infinity', '00:00:00', '1970-01-01 00:00:00', '2000-01-01 00:00:00.000001-09:30',"
                + " '0 seconds', '{-1,NULL,3}', '{NULL}', 'blue', 1, '(-1.5,2e-10)', E'\\x01\\x1f'",
    };

    private static PostgresServer pg;

    @BeforeAll
    static void start() {
        pg = PostgresServer.start();
        pg.sql("CREATE DATABASE copydb");
        List<String> ddl = new ArrayList<>(List.of("CREATE TYPE color AS ENUM ('red', 'green', 'blue')",
                "CREATE DOMAIN posint AS int CHECK (VALUE > 0)",
                "CREATE TABLE every_type (" + COLUMNS + ")",
                "CREATE TABLE parted (id int, region text, v text, PRIMARY KEY (id, region)) PARTITION BY LIST (region)",
                "CREATE TABLE parted_eu PARTITION OF parted FOR VALUES IN ('eu')",
                "CREATE TABLE parted_us PARTITION OF parted FOR VALUES IN ('us')",
                "INSERT INTO parted VALUES (1, 'eu', E'a\\tb'), (2, 'us', NULL), (3, 'eu', 'c')"));
        for (String row : ROWS) {
            ddl.add("INSERT INTO every_type VALUES (" + row + ")");
        }
        pg.sqlIn("copydb", ddl.toArray(new String[0]));
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    private static PostgresConnectorConfig config() {
        return new PostgresConnectorConfig(CdcTestSupport.config(pg, "copydb", "cp"));
    }

    @Test
    void copyTextEqualsSelectTextForEveryType() throws Exception {
        try (Connection c = Connections.sql(config())) {
            List<String> names = columnNames(c, "every_type");
            String select = "SELECT " + names.stream().map(Catalog::quote).collect(Collectors.joining(", "))
                    + " FROM every_type ORDER BY id";
            List<String[]> bySelect = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select)) {
                while (rs.next()) {
                    String[] row = new String[names.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    bySelect.add(row);
                }
            }
            List<String[]> byCopy = new ArrayList<>();
            CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT");
            for (byte[] line = copy.readFromCopy(); line != null; line = copy.readFromCopy()) {
                byCopy.add(CopyText.columns(line, names.size()));
            }
            assertEquals(ROWS.length, bySelect.size());
            assertEquals(bySelect.size(), byCopy.size());
            for (int r = 0; r < bySelect.size(); r++) {
                assertArrayEquals(bySelect.get(r), byCopy.get(r), "row " + (r + 1));
            }
            // the values that need escaping did reach the comparison
            String[] row2 = bySelect.get(1);
            assertEquals("tab\there new\nline cr\rret back\\slash \\N bell\u0007 bs\b ff\f vt\u000b",
                    row2[names.indexOf("t")]);
            assertEquals("\\N", row2[names.indexOf("vc")]);
            assertEquals("\\x5c090a0d4e00ff", row2[names.indexOf("by")]);
            assertNull(row2[names.indexOf("i2")]);
        }
    }

    @Test
    void theReaderReadsEveryTableInsideTheExportedSnapshot() throws Exception {
        PostgresConnectorConfig config = config();
        try (Connection exporter = Connections.sql(config); Connection catalog = Connections.sql(config)) {
            exporter.setAutoCommit(false);
            String snapshot;
            try (Statement s = exporter.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                try (ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    snapshot = rs.getString(1);
                }
            }
            // committed after the export: outside the snapshot
            pg.sqlIn("copydb", "INSERT INTO parted VALUES (4, 'us', 'late')");
            try {
                ColumnConverters converters = new ColumnConverters(new TypeRegistry(catalog));
                List<TableSchema> tables = new ArrayList<>();
                for (String t : List.of("every_type", "parted")) {
                    tables.add(new TableSchema("cp", "public", t, Catalog.columns(catalog, "public", t), converters));
                }
                ChangeEvents events = new ChangeEvents(new SourceInfo("test", "cp", "copydb"), "cp");
                List<SourceRecord> records = new ArrayList<>();
                try (SnapshotReader reader = SnapshotReader.open(Connections.sql(config), snapshot, 1L, tables, events,
                        p -> { })) {
                    for (List<SourceRecord> batch = reader.next(2); batch != null; batch = reader.next(2)) {
                        records.addAll(batch);
                    }
                }
                assertEquals(ROWS.length + 3, records.size(), "the row committed after the export is not read");
                // each read row as the converters make it from the SELECT's text
                List<Struct> expected = new ArrayList<>();
                expected.addAll(rowsBySelect(catalog, tables.get(0), ""));
                expected.addAll(rowsBySelect(catalog, tables.get(1), " WHERE v IS DISTINCT FROM 'late'"));
                List<Struct> read = records.stream().map(r -> ((Struct) r.value()).getStruct("after")).toList();
                assertEquals(expected.size(), read.size());
                for (Struct e : expected) {
                    assertEquals(1, read.stream().filter(e::equals).count(), "read once: " + e);
                }
                assertEquals("first", source(records.get(0)).getString("snapshot"));
                assertEquals("last", source(records.get(records.size() - 1)).getString("snapshot"));
            } finally {
                exporter.rollback();
            }
        }
    }

    private static Struct source(SourceRecord r) {
        return ((Struct) r.value()).getStruct("source");
    }

    /** The table's rows as the converters make them from a text-mode SELECT's values. */
    private static List<Struct> rowsBySelect(Connection c, TableSchema t, String where) throws Exception {
        List<Struct> out = new ArrayList<>();
        String columns = t.columns().stream().map(col -> Catalog.quote(col.name())).collect(Collectors.joining(", "));
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + t.tableName() + where)) {
            while (rs.next()) {
                String[] values = new String[t.columns().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rs.getString(i + 1);
                }
                out.add(t.row(RowValues.of(values)));
            }
        }
        return out;
    }

    private static List<String> columnNames(Connection c, String table) throws Exception {
        return Catalog.columns(c, "public", table).stream().map(col -> col.name()).toList();
    }
}
