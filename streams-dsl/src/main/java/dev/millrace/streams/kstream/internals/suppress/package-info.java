/**
 * Suppression of table updates ({@code KTable.suppress}): the buffer configurations, the suppression settings the
 * DSL reads, the in-memory time-ordered buffer and the processor that emits from it as stream time advances.
 */
package dev.millrace.streams.kstream.internals.suppress;
