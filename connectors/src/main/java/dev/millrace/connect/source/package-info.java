/**
 * The source connector SPI, as Kafka Connect's {@code org.apache.kafka.connect.source}: a {@link
 * dev.millrace.connect.source.SourceConnector} splits its work into task configs, each {@link
 * dev.millrace.connect.source.SourceTask} polls {@link dev.millrace.connect.source.SourceRecord}s that carry their
 * source offsets, and reads back its stored offsets through the {@link
 * dev.millrace.connect.source.SourceTaskContext}. Plugins are found with {@link java.util.ServiceLoader}.
 */
package dev.millrace.connect.source;
