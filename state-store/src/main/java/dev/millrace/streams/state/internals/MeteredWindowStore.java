package dev.millrace.streams.state.internals;

import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.internals.metrics.StateStoreMetrics;
import dev.millrace.streams.state.internals.metrics.StateStoreMetrics.Op;
import dev.millrace.streams.state.WindowStore;
import dev.millrace.streams.state.WindowStoreIterator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/**
 * The outermost layer of a window store: serdes between the user's keys and values and the bytes chain inside, as
 * {@link MeteredKeyValueStore} for key-value stores (null serdes: the application's defaults; serdes are called with
 * the changelog topic's name).
 */
public class MeteredWindowStore<K, V> implements WindowStore<K, V> {
    private final WindowStore<Bytes, byte[]> inner;
    private Serde<K> keySerde;
    private Serde<V> valueSerde;
    private String topic;
    private final String metricsScope;
    private StateStoreMetrics metrics = StateStoreMetrics.NONE;
    private StateStoreContext context;

    public MeteredWindowStore(WindowStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        this(inner, null, keySerde, valueSerde);
    }

    /** {@code metricsScope}: the supplier's, naming the store type tag ({@code <scope>-state-id}); null for no metrics. */
    public MeteredWindowStore(WindowStore<Bytes, byte[]> inner, String metricsScope, Serde<K> keySerde, Serde<V> valueSerde) {
        this.inner = inner;
        this.metricsScope = metricsScope;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    public WindowStore<Bytes, byte[]> wrapped() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (keySerde == null) keySerde = MeteredKeyValueStore.defaultSerde(context, MeteredKeyValueStore.DEFAULT_KEY_SERDE, true);
        if (valueSerde == null) {
            valueSerde = wrapDefaultValueSerde(MeteredKeyValueStore.defaultSerde(context, MeteredKeyValueStore.DEFAULT_VALUE_SERDE, false));
        }
        topic = MeteredKeyValueStore.changelogTopic(context.applicationId(), name());
        this.context = context;
        metrics = StateStoreMetrics.openMeasuringRestore(context, metricsScope, name(), StateStoreMetrics.WINDOW_OPS,
                () -> inner.init(context, root));
    }

    @SuppressWarnings("unchecked")
    protected Serde<V> wrapDefaultValueSerde(Serde<?> defaultSerde) {
        return (Serde<V>) defaultSerde;
    }

    private Bytes keyBytes(K key) {
        if (keySerde == null) throw new InvalidStateStoreException("store " + name() + " is not initialised");
        return Bytes.wrap(keySerde.serializer().serialize(topic, Objects.requireNonNull(key, "key cannot be null")));
    }

    private Bytes boundBytes(K key) {
        return key == null ? null : keyBytes(key);
    }

    private V value(byte[] bytes) {
        return bytes == null ? null : valueSerde.deserializer().deserialize(topic, bytes);
    }

    private K key(Bytes bytes) {
        return keySerde.deserializer().deserialize(topic, bytes.get());
    }

    private WindowStoreIterator<V> values(WindowStoreIterator<byte[]> it) {
        return metrics.iterator(Op.FETCH, metrics.start(Op.FETCH), new MappedWindowStoreIterator<>(it, t -> t, this::value));
    }

    private KeyValueIterator<Windowed<K>, V> windowed(KeyValueIterator<Windowed<Bytes>, byte[]> it) {
        return metrics.iterator(Op.FETCH, metrics.start(Op.FETCH),
                new MappedKeyValueIterator<>(it, w -> new Windowed<>(key(w.key()), w.window()), this::value));
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        long start = metrics.start(Op.PUT);
        inner.put(keyBytes(key), value == null ? null : valueSerde.serializer().serialize(topic, value), windowStartTimestamp);
        metrics.end(Op.PUT, start);
        metrics.recordE2ELatency(context);
    }

    @Override
    public V fetch(K key, long time) {
        long start = metrics.start(Op.FETCH);
        V v = value(inner.fetch(keyBytes(key), time));
        metrics.end(Op.FETCH, start);
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

    @Override
    public void flush() {
        long start = metrics.start(Op.FLUSH);
        inner.flush();
        metrics.end(Op.FLUSH, start);
    }

    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            metrics.close();
            metrics = StateStoreMetrics.NONE;
        }
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
