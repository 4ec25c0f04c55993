/**
 * How the DSL becomes a topology: the stream, table and grouped-stream implementations, Kafka Streams' node and
 * store naming, repartition topics, and the processors behind each operation (including the table processors'
 * record-cache forwarding and the store-then-forward writer they share), including the time, sliding and session
 * window aggregations with their stores and the suppress processor (its buffer lives in {@code internals.suppress}),
 * and the joins: stream-stream ({@code KStreamImplJoin} and the processors and stores it wires) and
 * stream-globalTable ({@code KStreamGlobalKTableJoin}). Applications never import it.
 */
package dev.millrace.streams.kstream.internals;
