/**
 * The worker's state in compacted topics, in Kafka Connect's record formats: connector configs and target states
 * ({@code config.storage.topic}), source offsets ({@code offset.storage.topic}) and statuses
 * ({@code status.storage.topic}). Each store is read back from the beginning when the worker starts.
 */
package dev.millrace.connect.runtime.store;
