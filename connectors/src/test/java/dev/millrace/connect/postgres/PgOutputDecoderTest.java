package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.connect.postgres.pgoutput.PgOutputDecoder;
import dev.millrace.connect.postgres.pgoutput.PgOutputMessage;
import dev.millrace.connect.postgres.pgoutput.PgOutputMessage.Begin;
import dev.millrace.connect.postgres.pgoutput.PgOutputMessage.Commit;
import dev.millrace.connect.postgres.pgoutput.PgOutputMessage.Delete;
import dev.millrace.connect.postgres.pgoutput.PgOutputMessage.Insert;
import dev.millrace.connect.postgres.pgoutput.PgOutputMessage.Relation;
import dev.millrace.connect.postgres.pgoutput.PgOutputMessage.Truncate;
import dev.millrace.connect.postgres.pgoutput.PgOutputMessage.Type;
import dev.millrace.connect.postgres.pgoutput.PgOutputMessage.Update;
import dev.millrace.connect.postgres.pgoutput.TupleData;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pgoutput decoder on real bytes: each test makes changes on a private PostgreSQL and reads the exact
 * pgoutput messages the server produced for them with {@code pg_logical_slot_get_binary_changes} (the same bytes
 * a walsender puts in CopyData frames), then decodes them.
 */
class PgOutputDecoderTest {
    private static PostgresServer pg;

    @BeforeAll
    static void startServer() {
        pg = PostgresServer.start();
        pg.sql("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE TABLE items (id int PRIMARY KEY, name text, qty int, m mood)",
                "CREATE TABLE full_items (id int PRIMARY KEY, name text)",
                "ALTER TABLE full_items REPLICA IDENTITY FULL",
                "CREATE PUBLICATION dec_pub FOR ALL TABLES",
                "SELECT pg_create_logical_replication_slot('dec_slot', 'pgoutput')");
    }

    @AfterAll
    static void stopServer() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void decodesBeginRelationTypeInsertCommitFromTheServer() throws Exception {
        pg.sql("INSERT INTO items VALUES (1, 'apple', 3, 'happy'), (2, NULL, 4, 'sad')");
        List<byte[]> raw = changes();
        List<PgOutputMessage> m = decodeAll(raw);

        Begin begin = assertInstanceOf(Begin.class, m.get(0));
        Commit commit = assertInstanceOf(Commit.class, m.get(m.size() - 1));
        assertEquals(begin.finalLsn(), commit.commitLsn(), "Begin's final LSN is the commit record's LSN");
        assertTrue(commit.endLsn() > commit.commitLsn());
        assertEquals(begin.commitTimestamp(), commit.commitTimestamp());
        assertTrue(begin.xid() > 0);

        Type type = assertInstanceOf(Type.class, m.get(1), "the enum's Type message precedes the Relation");
        assertEquals("public", type.namespace());
        assertEquals("mood", type.name());

        Relation rel = assertInstanceOf(Relation.class, m.get(2));
        assertEquals("public", rel.namespace());
        assertEquals("items", rel.name());
        assertEquals('d', rel.replicaIdentity());
        assertEquals(List.of("id", "name", "qty", "m"), rel.columns().stream().map(PgOutputMessage.Column::name).toList());
        assertTrue(rel.columns().get(0).key());
        assertEquals(23, rel.columns().get(0).typeOid());
        assertEquals(25, rel.columns().get(1).typeOid());
        assertEquals(type.typeOid(), rel.columns().get(3).typeOid());

        Insert first = assertInstanceOf(Insert.class, m.get(3));
        assertEquals(rel.relationId(), first.relationId());
        assertEquals("1", first.newTuple().text(0));
        assertEquals("apple", first.newTuple().text(1));
        assertEquals("happy", first.newTuple().text(3));
        Insert second = assertInstanceOf(Insert.class, m.get(4));
        assertEquals(TupleData.NULL, second.newTuple().kind(1));
        assertNull(second.newTuple().text(1));
        assertEquals(6, m.size());

        // byte-level check of the first Insert against the protocol layout, so a decoder that skips bytes fails
        byte[] insert = raw.get(3);
        assertEquals('I', insert[0]);
        assertEquals('N', insert[5]);
        assertEquals(4, ByteBuffer.wrap(insert, 6, 2).getShort(), "four columns in the tuple");
    }

    @Test
    void decodesUpdatesWithKeyAndFullOldTuplesDeletesAndUnchangedToast() throws Exception {
        String big = "x".repeat(20_000) + Math.random(); // random tail: incompressible enough to be stored out of line
        pg.sql("INSERT INTO items VALUES (10, 'pear', 1, 'ok')",
                "INSERT INTO full_items VALUES (20, 'plum')",
                "ALTER TABLE items ALTER COLUMN name SET STORAGE EXTERNAL");
        pg.sql("INSERT INTO items VALUES (11, '" + big + "', 1, 'ok')");
        changes();
        pg.sql("UPDATE items SET qty = 2 WHERE id = 10",
                "UPDATE items SET id = 12 WHERE id = 10",
                "UPDATE full_items SET name = 'prune' WHERE id = 20",
                "UPDATE items SET qty = 5 WHERE id = 11",
                "DELETE FROM items WHERE id = 12",
                "DELETE FROM full_items WHERE id = 20");
        List<PgOutputMessage> m = decodeAll(changes());
        List<Update> updates = m.stream().filter(Update.class::isInstance).map(Update.class::cast).toList();
        List<Delete> deletes = m.stream().filter(Delete.class::isInstance).map(Delete.class::cast).toList();
        assertEquals(4, updates.size());
        assertEquals(2, deletes.size());

        assertEquals(0, updates.get(0).oldKind(), "DEFAULT identity, key unchanged: no old tuple");
        assertNull(updates.get(0).oldTuple());
        assertEquals("2", updates.get(0).newTuple().text(2));

        assertEquals('K', updates.get(1).oldKind(), "DEFAULT identity, key changed: old key sent");
        assertEquals("10", updates.get(1).oldTuple().text(0));
        assertEquals(TupleData.NULL, updates.get(1).oldTuple().kind(1), "non-key columns of a 'K' tuple are null");
        assertEquals("12", updates.get(1).newTuple().text(0));

        assertEquals('O', updates.get(2).oldKind(), "REPLICA IDENTITY FULL: the whole old row");
        assertEquals("plum", updates.get(2).oldTuple().text(1));
        assertEquals("prune", updates.get(2).newTuple().text(1));

        assertEquals(TupleData.UNCHANGED_TOAST, updates.get(3).newTuple().kind(1), "unchanged TOAST is not sent");
        assertNull(updates.get(3).newTuple().text(1));
        assertEquals("5", updates.get(3).newTuple().text(2));

        assertEquals('K', deletes.get(0).oldKind());
        assertEquals("12", deletes.get(0).oldTuple().text(0));
        assertEquals('O', deletes.get(1).oldKind());
        assertEquals("prune", deletes.get(1).oldTuple().text(1));
    }

    @Test
    void decodesTruncateOfSeveralTables() throws Exception {
        changes();
        pg.sql("TRUNCATE items, full_items RESTART IDENTITY");
        List<PgOutputMessage> m = decodeAll(changes());
        Truncate t = m.stream().filter(Truncate.class::isInstance).map(Truncate.class::cast).findFirst().orElseThrow();
        assertEquals(2, t.relationIds().length);
        assertEquals(2, t.options() & 2, "RESTART IDENTITY flag");
        List<Integer> relIds = m.stream().filter(Relation.class::isInstance).map(r -> ((Relation) r).relationId()).toList();
        assertTrue(relIds.contains(t.relationIds()[0]) && relIds.contains(t.relationIds()[1]));
    }

    private static List<byte[]> changes() throws SQLException {
        List<byte[]> out = new ArrayList<>();
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT data FROM pg_logical_slot_get_binary_changes('dec_slot', NULL,"
                        + " NULL, 'proto_version', '1', 'publication_names', 'dec_pub')")) {
            while (rs.next()) {
                out.add(rs.getBytes(1));
            }
        }
        return out;
    }

    private static List<PgOutputMessage> decodeAll(List<byte[]> raw) {
        return raw.stream().map(b -> PgOutputDecoder.decode(ByteBuffer.wrap(b))).toList();
    }
}
