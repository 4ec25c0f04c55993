package dev.millrace.streams.state;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.StateStore;

import java.time.Instant;

/**
 * A store of values per key and window start, as Kafka Streams' {@code WindowStore}. Windows expire once they are
 * older than the retention period relative to the largest window start put so far (the store's stream time).
 *
 * <p>Order of results: one key's windows by start time. For key ranges and scans, a RocksDB store returns time
 * segment by time segment and, inside a segment, by stored key bytes ({@code [key][start][seqnum]}), exactly as Kafka
 * Streams; an in-memory store returns by window start, then key bytes.
 */
public interface WindowStore<K, V> extends StateStore, ReadOnlyWindowStore<K, V> {
    /**
     * Puts a value for the window of {@code key} starting at {@code windowStartTimestamp}; a null value deletes it
     * (and is ignored by stores that retain duplicates). A window already expired is dropped.
     */
    void put(K key, V value, long windowStartTimestamp);

    WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo);

    @Override
    default WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) {
        return fetch(key, InstantArgs.millis(timeFrom, "timeFrom"), InstantArgs.millis(timeTo, "timeTo"));
    }

    default WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    default WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        return backwardFetch(key, InstantArgs.millis(timeFrom, "timeFrom"), InstantArgs.millis(timeTo, "timeTo"));
    }

    KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo);

    @Override
    default KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return fetch(keyFrom, keyTo, InstantArgs.millis(timeFrom, "timeFrom"), InstantArgs.millis(timeTo, "timeTo"));
    }

    default KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return backwardFetch(keyFrom, keyTo, InstantArgs.millis(timeFrom, "timeFrom"), InstantArgs.millis(timeTo, "timeTo"));
    }

    KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo);

    @Override
    default KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        return fetchAll(InstantArgs.millis(timeFrom, "timeFrom"), InstantArgs.millis(timeTo, "timeTo"));
    }

    default KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    default KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo) {
        return backwardFetchAll(InstantArgs.millis(timeFrom, "timeFrom"), InstantArgs.millis(timeTo, "timeTo"));
    }
}
