package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.state.ValueAndTimestamp;

/**
 * Reads a table's current value for a key from inside another processor of the same task: what joins, table-to-table
 * operations and lookups use instead of keeping their own copy of the table. Initialised with the reading processor's
 * context, so it reaches the stores that processor was connected to.
 */
public interface KTableValueGetter<K, V> {
    void init(ProcessorContext<?, ?> context);

    /** The value and its timestamp, or null when the table has no row for {@code key}. */
    ValueAndTimestamp<V> get(K key);

    default void close() {
    }
}
