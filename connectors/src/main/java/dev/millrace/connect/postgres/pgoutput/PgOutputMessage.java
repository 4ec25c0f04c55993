package dev.millrace.connect.postgres.pgoutput;

import java.util.List;

/** One pgoutput message. LSNs are 64-bit WAL positions; timestamps are microseconds since 2000-01-01 UTC. */
public sealed interface PgOutputMessage {

    /** 'B': a transaction starts; finalLsn is its commit record's LSN. */
    record Begin(long finalLsn, long commitTimestamp, long xid) implements PgOutputMessage {
    }

    /** 'C': a transaction committed; endLsn is the position just after its commit record. */
    record Commit(int flags, long commitLsn, long endLsn, long commitTimestamp) implements PgOutputMessage {
    }

    /** 'O': the changes that follow came from another node through replication origin {@code name}. */
    record Origin(long lsn, String name) implements PgOutputMessage {
    }

    /** 'R': the layout of a table, sent before the first change of it in a session and after each DDL. */
    record Relation(int relationId, String namespace, String name, char replicaIdentity, List<Column> columns)
            implements PgOutputMessage {
    }

    /** A column of a {@link Relation}; {@code key} is set for the replica identity columns. */
    record Column(boolean key, String name, int typeOid, int typeModifier) {
    }

    /** 'Y': a non-built-in data type used by a following relation. */
    record Type(int typeOid, String namespace, String name) implements PgOutputMessage {
    }

    /** 'I': a row was inserted. */
    record Insert(int relationId, TupleData newTuple) implements PgOutputMessage {
    }

    /**
     * 'U': a row was updated. {@code oldTuple} is the old replica identity: kind 'K' (key columns only, sent when
     * they changed), 'O' (whole row, REPLICA IDENTITY FULL), or absent (kind 0, tuple null).
     */
    record Update(int relationId, char oldKind, TupleData oldTuple, TupleData newTuple) implements PgOutputMessage {
    }

    /** 'D': a row was deleted; {@code oldKind} 'K' (key columns) or 'O' (whole row). */
    record Delete(int relationId, char oldKind, TupleData oldTuple) implements PgOutputMessage {
    }

    /** 'T': tables were truncated; options bit 1 = CASCADE, bit 2 = RESTART IDENTITY. */
    record Truncate(int options, int[] relationIds) implements PgOutputMessage {
    }

    /** 'M' (logical decoding message) and any other kind this decoder passes over. */
    record Other(char kind) implements PgOutputMessage {
    }
}
