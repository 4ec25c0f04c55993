package dev.millrace.streams.state.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.ReadOnlyWindowStore;
import dev.millrace.streams.state.TimestampedWindowStore;
import dev.millrace.streams.state.ValueAndTimestamp;
import dev.millrace.streams.state.WindowStoreIterator;

import java.time.Instant;

/**
 * A timestamped window store seen as a plain read-only one, as Kafka Streams' class of the same name: interactive
 * queries for values get the values without their timestamps.
 */
public final class ReadOnlyWindowStoreFacade<K, V> implements ReadOnlyWindowStore<K, V> {
    private final TimestampedWindowStore<K, V> inner;

    public ReadOnlyWindowStoreFacade(TimestampedWindowStore<K, V> inner) {
        this.inner = inner;
    }

    private static <V> V plain(ValueAndTimestamp<V> v) {
        return v == null ? null : v.value();
    }

    private static <V> WindowStoreIterator<V> plain(WindowStoreIterator<ValueAndTimestamp<V>> it) {
        return new MappedWindowStoreIterator<>(it, t -> t, ReadOnlyWindowStoreFacade::plain);
    }

    private static <K, V> KeyValueIterator<Windowed<K>, V> plain(KeyValueIterator<Windowed<K>, ValueAndTimestamp<V>> it) {
        return new MappedKeyValueIterator<>(it, k -> k, ReadOnlyWindowStoreFacade::plain);
    }

    @Override
    public V fetch(K key, long time) {
        return plain(inner.fetch(key, time));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) {
        return plain(inner.fetch(key, timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        return plain(inner.backwardFetch(key, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return plain(inner.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return plain(inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return plain(inner.all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return plain(inner.backwardAll());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        return plain(inner.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo) {
        return plain(inner.backwardFetchAll(timeFrom, timeTo));
    }
}
