/**
 * The Streams runtime's client, thread, task and processor-node metrics with Kafka Streams 4.4's groups
 * ({@code stream-metrics}, {@code stream-thread-metrics}, {@code stream-task-metrics},
 * {@code stream-processor-node-metrics}), names, tags and recording levels, and the registry they live in
 * ({@link dev.millrace.streams.processor.internals.metrics.StreamsMetricsRegistry}: {@code metrics.*} configs, the
 * JMX reporter under {@code kafka.streams}). The registry class and the store-level metrics are in state-store, the
 * stores' module.
 */
package dev.millrace.streams.processor.internals.metrics;
