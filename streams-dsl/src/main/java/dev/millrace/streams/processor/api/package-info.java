/**
 * The Processor API, as Kafka Streams' {@code org.apache.kafka.streams.processor.api}: processors, their suppliers,
 * the context they forward through, and the immutable {@link dev.millrace.streams.processor.api.Record}.
 */
package dev.millrace.streams.processor.api;
