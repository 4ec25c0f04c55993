/**
 * The Streams runtime's metrics, with Kafka Streams' group names, metric names, tags and recording levels, on
 * kafka-clients' own {@link org.apache.kafka.common.metrics.Metrics} registry (so its JMX reporter and any
 * {@code metric.reporters} see them as they see Kafka Streams'). {@link dev.millrace.streams.processor.internals.metrics.StreamsMetricsImpl}
 * is the client's registry; a {@link dev.millrace.streams.processor.internals.metrics.MetricsScope} holds what one
 * client, thread, task, node or store registered, and removes it when that entity closes. The registry lives in
 * state-store because stores record into it; the client, thread, task and node metrics are in streams-dsl's part of
 * this package.
 */
package dev.millrace.streams.processor.internals.metrics;
