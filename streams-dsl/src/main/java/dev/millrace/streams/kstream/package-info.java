/**
 * The Streams DSL, as Kafka Streams' {@code org.apache.kafka.streams.kstream}: {@link dev.millrace.streams.kstream.KStream},
 * {@link dev.millrace.streams.kstream.KTable}, {@link dev.millrace.streams.kstream.KGroupedStream}, the functional
 * interfaces they take, and the option objects (Consumed, Produced, Grouped, Materialized, Named, Branched, Printed);
 * windows ({@link dev.millrace.streams.kstream.TimeWindows}, {@link dev.millrace.streams.kstream.SlidingWindows},
 * {@link dev.millrace.streams.kstream.SessionWindows}), the windowed streams they make, windowed-key serdes, and
 * {@link dev.millrace.streams.kstream.Suppressed}; joins ({@link dev.millrace.streams.kstream.JoinWindows},
 * {@link dev.millrace.streams.kstream.StreamJoined}, the value joiners) and
 * {@link dev.millrace.streams.kstream.GlobalKTable}.
 */
package dev.millrace.streams.kstream;
