/**
 * Decoding of the pgoutput logical replication protocol (protocol version 1): the messages PostgreSQL's
 * built-in output plugin sends inside CopyData frames, which pgjdbc's replication stream hands over as raw bytes.
 * The decoder turns each frame into one immutable {@link dev.millrace.connect.postgres.pgoutput.PgOutputMessage};
 * column values stay in PostgreSQL's text format and are converted elsewhere, per column type.
 */
package dev.millrace.connect.postgres.pgoutput;
