package dev.millrace.streams.state;

import dev.millrace.streams.kstream.Windowed;

import java.time.Instant;

/**
 * The read side of a window store, as Kafka Streams' {@code ReadOnlyWindowStore}; interactive queries get this view.
 * Time bounds are window start timestamps, inclusive. Windows older than the retention period (relative to the
 * largest timestamp the store has seen) are never returned. Instant arguments must fit in epoch milliseconds.
 */
public interface ReadOnlyWindowStore<K, V> {
    /** The value of the window of {@code key} starting at {@code time}, or null. */
    V fetch(K key, long time);

    /** The windows of {@code key} starting in {@code [timeFrom, timeTo]}, oldest first. */
    WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo);

    /** As {@link #fetch(Object, Instant, Instant)}, newest first. */
    default WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        throw new UnsupportedOperationException();
    }

    /**
     * The windows of keys in {@code [keyFrom, keyTo]} (by serialized bytes; null is open) starting in
     * {@code [timeFrom, timeTo]}. The order is the store's: see the implementation.
     */
    KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo);

    default KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        throw new UnsupportedOperationException();
    }

    /** Every live window. */
    KeyValueIterator<Windowed<K>, V> all();

    default KeyValueIterator<Windowed<K>, V> backwardAll() {
        throw new UnsupportedOperationException();
    }

    /** Every window starting in {@code [timeFrom, timeTo]}. */
    KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo);

    default KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo) {
        throw new UnsupportedOperationException();
    }
}
