/**
 * The Streams DSL, as Kafka Streams' {@code org.apache.kafka.streams.kstream}: {@link dev.millrace.streams.kstream.KStream},
 * {@link dev.millrace.streams.kstream.KTable}, {@link dev.millrace.streams.kstream.KGroupedStream}, the functional
 * interfaces they take, and the option objects (Consumed, Produced, Grouped, Materialized, Named, Branched, Printed).
 */
package dev.millrace.streams.kstream;
