/**
 * Store-level metrics ({@code stream-state-metrics}): what a store's metered layer records per operation, with Kafka
 * Streams' names, tags and DEBUG/TRACE recording levels.
 */
package dev.millrace.streams.state.internals.metrics;
