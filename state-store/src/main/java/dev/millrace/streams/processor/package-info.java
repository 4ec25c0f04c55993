/**
 * Processor-level types that stores depend on ({@link dev.millrace.streams.processor.StateStore},
 * {@link dev.millrace.streams.processor.StateStoreContext}, {@link dev.millrace.streams.processor.TaskId}), mirroring
 * {@code org.apache.kafka.streams.processor}.
 */
package dev.millrace.streams.processor;
