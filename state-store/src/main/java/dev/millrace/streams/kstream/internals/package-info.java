/**
 * The concrete window kinds stores build keys with, as Kafka Streams' {@code kstream.internals}:
 * {@link dev.millrace.streams.kstream.internals.TimeWindow} (end exclusive) and
 * {@link dev.millrace.streams.kstream.internals.SessionWindow} (end inclusive). Applications never import it.
 */
package dev.millrace.streams.kstream.internals;
