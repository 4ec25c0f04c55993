package dev.millrace.streams.state;

import org.apache.kafka.common.serialization.Serializer;

/**
 * The read side of a key-value store, as Kafka Streams' {@code ReadOnlyKeyValueStore}; interactive queries get this
 * view. Scans are ordered by the serialized key bytes, compared unsigned and lexicographically, whatever the key
 * type's own order is.
 */
public interface ReadOnlyKeyValueStore<K, V> {
    /** The value of {@code key}, or null. */
    V get(K key);

    /**
     * Entries with {@code from <= key <= to} in ascending order. A null bound is open; {@code from > to} gives an
     * empty iterator.
     */
    KeyValueIterator<K, V> range(K from, K to);

    /** As {@link #range} in descending order. */
    KeyValueIterator<K, V> reverseRange(K from, K to);

    KeyValueIterator<K, V> all();

    KeyValueIterator<K, V> reverseAll();

    /** Entries whose serialized key starts with {@code prefixKeySerializer}'s bytes for {@code prefix}, ascending. */
    <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer);

    /** An estimate of the number of entries (exact for in-memory stores, RocksDB's estimate otherwise). */
    long approximateNumEntries();
}
