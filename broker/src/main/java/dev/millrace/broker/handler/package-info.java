/**
 * Request handlers: one class per Kafka API key, each turning a decoded request into a response using the
 * metadata and partition layers. The produce path reads top to bottom in {@code ProduceHandler} →
 * {@code partition.Partition} → {@code log.PartitionLog}; fetch returns the same way through
 * {@code FetchHandler}.
 */
package dev.millrace.broker.handler;
