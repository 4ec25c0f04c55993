/**
 * How the DSL becomes a topology: the stream, table and grouped-stream implementations, Kafka Streams' node and
 * store naming, repartition topics, and the processors behind each operation (including the table processors'
 * record-cache forwarding). Applications never import it.
 */
package dev.millrace.streams.kstream.internals;
