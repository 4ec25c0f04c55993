/**
 * The user-facing Streams API, mirroring {@code org.apache.kafka.streams} class for class (DESIGN decision 14),
 * so a Kafka Streams application ports by changing its imports. The state-store module holds the parts stores
 * need ({@link dev.millrace.streams.KeyValue}); the DSL module adds the rest of this package.
 */
package dev.millrace.streams;
