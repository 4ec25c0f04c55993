/**
 * The DSL's public value types that state stores already need, mirroring {@code org.apache.kafka.streams.kstream}:
 * {@link dev.millrace.streams.kstream.Window} and {@link dev.millrace.streams.kstream.Windowed}, the key type of
 * window and session stores. The DSL itself (KStream, KTable, window definitions) joins this package later.
 */
package dev.millrace.streams.kstream;
