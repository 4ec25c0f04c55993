/**
 * Processor-level types that stores depend on ({@link dev.millrace.streams.processor.StateStore},
 * {@link dev.millrace.streams.processor.StateStoreContext}, {@link dev.millrace.streams.processor.TaskId}, and
 * {@link dev.millrace.streams.processor.RecordContext}, the processed record whose timestamp changelogs carry), mirroring
 * {@code org.apache.kafka.streams.processor}.
 */
package dev.millrace.streams.processor;
