package dev.millrace.connect.postgres.pgoutput;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes pgoutput protocol version 1 messages (PostgreSQL's "Logical Replication Message Formats"). Stateless:
 * relation layouts are kept by the caller, which needs them to interpret tuples anyway.
 */
public final class PgOutputDecoder {

    private PgOutputDecoder() {
    }

    /** Decodes the message in {@code buf} from its position to its limit. */
    public static PgOutputMessage decode(ByteBuffer buf) {
        char kind = (char) buf.get();
        switch (kind) {
            case 'B':
                return new PgOutputMessage.Begin(buf.getLong(), buf.getLong(), Integer.toUnsignedLong(buf.getInt()));
            case 'C':
                return new PgOutputMessage.Commit(buf.get(), buf.getLong(), buf.getLong(), buf.getLong());
            case 'O':
                return new PgOutputMessage.Origin(buf.getLong(), string(buf));
            case 'R':
                return relation(buf);
            case 'Y':
                return new PgOutputMessage.Type(buf.getInt(), string(buf), string(buf));
            case 'I': {
                int relationId = buf.getInt();
                expect(buf, 'N', kind);
                return new PgOutputMessage.Insert(relationId, tuple(buf));
            }
            case 'U': {
                int relationId = buf.getInt();
                char marker = (char) buf.get();
                char oldKind = 0;
                TupleData oldTuple = null;
                if (marker == 'K' || marker == 'O') {
                    oldKind = marker;
                    oldTuple = tuple(buf);
                    marker = (char) buf.get();
                }
                if (marker != 'N') {
                    throw new IllegalArgumentException("pgoutput Update: expected 'N', got '" + marker + "'");
                }
                return new PgOutputMessage.Update(relationId, oldKind, oldTuple, tuple(buf));
            }
            case 'D': {
                int relationId = buf.getInt();
                char oldKind = (char) buf.get();
                if (oldKind != 'K' && oldKind != 'O') {
                    throw new IllegalArgumentException("pgoutput Delete: expected 'K' or 'O', got '" + oldKind + "'");
                }
                return new PgOutputMessage.Delete(relationId, oldKind, tuple(buf));
            }
            case 'T': {
                int count = buf.getInt();
                int options = buf.get();
                int[] ids = new int[count];
                for (int i = 0; i < count; i++) {
                    ids[i] = buf.getInt();
                }
                return new PgOutputMessage.Truncate(options, ids);
            }
            default:
                return new PgOutputMessage.Other(kind);
        }
    }

    private static PgOutputMessage.Relation relation(ByteBuffer buf) {
        int relationId = buf.getInt();
        String namespace = string(buf);
        String name = string(buf);
        char replicaIdentity = (char) buf.get();
        int count = buf.getShort();
        List<PgOutputMessage.Column> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean key = (buf.get() & 1) != 0;
            columns.add(new PgOutputMessage.Column(key, string(buf), buf.getInt(), buf.getInt()));
        }
        return new PgOutputMessage.Relation(relationId, namespace, name, replicaIdentity, List.copyOf(columns));
    }

    private static TupleData tuple(ByteBuffer buf) {
        int count = buf.getShort();
        char[] kinds = new char[count];
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            char kind = (char) buf.get();
            kinds[i] = kind;
            switch (kind) {
                case TupleData.NULL, TupleData.UNCHANGED_TOAST -> { }
                case TupleData.TEXT -> {
                    byte[] v = new byte[buf.getInt()];
                    buf.get(v);
                    values[i] = v;
                }
                default -> throw new IllegalArgumentException("pgoutput tuple: unknown column kind '" + kind
                        + "' (binary values need protocol version 2+, which this decoder does not request)");
            }
        }
        return new TupleData(kinds, values);
    }

    private static void expect(ByteBuffer buf, char wanted, char message) {
        char got = (char) buf.get();
        if (got != wanted) {
            throw new IllegalArgumentException("pgoutput '" + message + "': expected '" + wanted + "', got '" + got
                    + "'");
        }
    }

    /** A NUL-terminated UTF-8 string. */
    private static String string(ByteBuffer buf) {
        int start = buf.position();
        int end = start;
        while (buf.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        buf.get(bytes);
        buf.get();
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
