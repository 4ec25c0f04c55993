package dev.millrace.streams.state.internals;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Collection;
import java.util.function.Function;

/**
 * A bytes store that applies a polled batch of changelog records straight from the records' arrays. Restore moves
 * whole changelogs, and going through {@code putAll} costs a {@code KeyValue}, a {@code Bytes} and a list slot per
 * record before the store sees it: all but 0.3 of the 52 heap bytes per record restored into RocksDB (JMH's gc
 * profiler, {@code StoreRestoreBench}). The changelog layer uses this when nothing sits between it and the engine.
 */
interface ChangelogRestoreTarget {
    /**
     * Writes the records in order as one batch, each key with the value {@code valueOf} gives for its record (null
     * deletes the key). Restored writes are not logged: this is below the changelog layer.
     */
    void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records,
                      Function<ConsumerRecord<byte[], byte[]>, byte[]> valueOf);
}
