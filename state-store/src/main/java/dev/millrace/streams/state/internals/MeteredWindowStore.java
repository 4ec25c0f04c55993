package dev.millrace.streams.state.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.internals.metrics.StateStoreMetrics;
import dev.millrace.streams.state.internals.metrics.StateStoreMetrics.Op;
import dev.millrace.streams.state.WindowStore;
import dev.millrace.streams.state.WindowStoreIterator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * The outermost layer of a window store: serdes between the user's keys and values and the bytes chain inside, and
 * metrics (every read is a fetch), as {@link MeteredKeyValueStore} for key-value stores.
 */
public class MeteredWindowStore<K, V> extends MeteredStore<WindowStore<Bytes, byte[]>, K, V> implements WindowStore<K, V> {
    public MeteredWindowStore(WindowStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        this(inner, null, keySerde, valueSerde);
    }

    /** {@code metricsScope}: the supplier's, naming the store type tag ({@code <scope>-state-id}); null for no metrics. */
    public MeteredWindowStore(WindowStore<Bytes, byte[]> inner, String metricsScope, Serde<K> keySerde, Serde<V> valueSerde) {
        super(inner, metricsScope, StateStoreMetrics.WINDOW_OPS, keySerde, valueSerde);
    }

    private WindowStoreIterator<V> values(WindowStoreIterator<byte[]> it) {
        return metrics().iterator(Op.FETCH, metrics().start(Op.FETCH), new MappedWindowStoreIterator<>(it, t -> t, this::value));
    }

    private KeyValueIterator<Windowed<K>, V> windowed(KeyValueIterator<Windowed<Bytes>, byte[]> it) {
        return metrics().iterator(Op.FETCH, metrics().start(Op.FETCH),
                new MappedKeyValueIterator<>(it, w -> new Windowed<>(key(w.key()), w.window()), this::value));
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        long start = metrics().start(Op.PUT);
        inner.put(keyBytes(key), valueBytes(value), windowStartTimestamp);
        metrics().end(Op.PUT, start);
        recordE2ELatency();
    }

    @Override
    public V fetch(K key, long time) {
        long start = metrics().start(Op.FETCH);
        V v = value(inner.fetch(keyBytes(key), time));
        metrics().end(Op.FETCH, start);
        return v;
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return values(inner.fetch(keyBytes(key), timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        return values(inner.backwardFetch(keyBytes(key), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return windowed(inner.fetch(boundBytes(keyFrom), boundBytes(keyTo), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return windowed(inner.backwardFetch(boundBytes(keyFrom), boundBytes(keyTo), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return windowed(inner.all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return windowed(inner.backwardAll());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return windowed(inner.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        return windowed(inner.backwardFetchAll(timeFrom, timeTo));
    }
}
