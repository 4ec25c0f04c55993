/**
 * The runtime behind a topology: what {@link dev.millrace.streams.Topology} records
 * ({@link dev.millrace.streams.processor.internals.InternalTopologyBuilder}), its Kafka-format description, and one
 * task's nodes, context, stream time and punctuation ({@link dev.millrace.streams.processor.internals.StreamTask}).
 * Applications never import it.
 */
package dev.millrace.streams.processor.internals;
