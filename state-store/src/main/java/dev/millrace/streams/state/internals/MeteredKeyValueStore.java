package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.internals.metrics.StateStoreMetrics;
import dev.millrace.streams.state.internals.metrics.StateStoreMetrics.Op;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outermost layer of a key-value store: turns the user's keys and values into bytes with their serdes and hands
 * them to the bytes store chain inside, and measures each operation into the store's {@link StateStoreMetrics}
 * (when the store runs in a Streams client and was given its supplier's metrics scope).
 *
 * <p>Serdes given as null are taken from {@code default.key.serde} / {@code default.value.serde} at init. They are
 * called with the changelog topic's name, as Kafka Streams does, so schema-registry serdes see the topic they
 * expect.
 */
public class MeteredKeyValueStore<K, V> implements KeyValueStore<K, V> {
    static final String DEFAULT_KEY_SERDE = "default.key.serde";
    static final String DEFAULT_VALUE_SERDE = "default.value.serde";

    private final KeyValueStore<Bytes, byte[]> inner;
    private Serde<K> keySerde;
    private Serde<V> valueSerde;
    private String topic;
    private final String metricsScope;
    private StateStoreMetrics metrics = StateStoreMetrics.NONE;
    private StateStoreContext context;

    public MeteredKeyValueStore(KeyValueStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        this(inner, null, keySerde, valueSerde);
    }

    /** {@code metricsScope}: the supplier's, naming the store type tag ({@code <scope>-state-id}); null for no metrics. */
    public MeteredKeyValueStore(KeyValueStore<Bytes, byte[]> inner, String metricsScope, Serde<K> keySerde, Serde<V> valueSerde) {
        this.inner = inner;
        this.metricsScope = metricsScope;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /** The bytes store inside this layer. */
    public KeyValueStore<Bytes, byte[]> wrapped() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (keySerde == null) keySerde = defaultSerde(context, DEFAULT_KEY_SERDE, true);
        if (valueSerde == null) valueSerde = wrapDefaultValueSerde(defaultSerde(context, DEFAULT_VALUE_SERDE, false));
        topic = changelogTopic(context.applicationId(), name());
        this.context = context;
        metrics = StateStoreMetrics.openMeasuringRestore(context, metricsScope, name(), StateStoreMetrics.KEY_VALUE_OPS,
                () -> inner.init(context, root));
    }

    /** The value serde to use when the user gave none and the application's default is {@code defaultSerde}. */
    @SuppressWarnings("unchecked")
    protected Serde<V> wrapDefaultValueSerde(Serde<?> defaultSerde) {
        return (Serde<V>) defaultSerde;
    }

    /** Kafka Streams' changelog topic name, {@code <application.id>-<store>-changelog}. */
    public static String changelogTopic(String applicationId, String storeName) {
        return applicationId + "-" + storeName + "-changelog";
    }

    @SuppressWarnings("unchecked")
    static <T> Serde<T> defaultSerde(StateStoreContext context, String config, boolean isKey) {
        Object setting = context.appConfigs().get(config);
        if (setting == null) {
            throw new StreamsException("store serde is null and " + config + " is not configured");
        }
        try {
            Class<?> cls = setting instanceof Class ? (Class<?>) setting
                    : Class.forName(setting.toString().trim(), true, Thread.currentThread().getContextClassLoader());
            Serde<T> serde = (Serde<T>) cls.getDeclaredConstructor().newInstance();
            serde.configure(context.appConfigs(), isKey);
            return serde;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new StreamsException("cannot make " + config + " " + setting, e);
        }
    }

    private Bytes keyBytes(K key) {
        if (keySerde == null) throw new InvalidStateStoreException("store " + name() + " is not initialised");
        return Bytes.wrap(keySerde.serializer().serialize(topic, Objects.requireNonNull(key, "key cannot be null")));
    }

    private byte[] valueBytes(V value) {
        return value == null ? null : valueSerde.serializer().serialize(topic, value);
    }

    private V value(byte[] bytes) {
        return bytes == null ? null : valueSerde.deserializer().deserialize(topic, bytes);
    }

    @Override
    public V get(K key) {
        long start = metrics.start(Op.GET);
        V v = value(inner.get(keyBytes(key)));
        metrics.end(Op.GET, start);
        return v;
    }

    @Override
    public void put(K key, V value) {
        long start = metrics.start(Op.PUT);
        inner.put(keyBytes(key), valueBytes(value));
        metrics.end(Op.PUT, start);
        metrics.recordE2ELatency(context);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        long start = metrics.start(Op.PUT_IF_ABSENT);
        V v = value(inner.putIfAbsent(keyBytes(key), valueBytes(value)));
        metrics.end(Op.PUT_IF_ABSENT, start);
        metrics.recordE2ELatency(context);
        return v;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        long start = metrics.start(Op.PUT_ALL);
        List<KeyValue<Bytes, byte[]>> bytes = new ArrayList<>(entries.size());
        for (KeyValue<K, V> e : entries) bytes.add(KeyValue.pair(keyBytes(e.key), valueBytes(e.value)));
        inner.putAll(bytes);
        metrics.end(Op.PUT_ALL, start);
        metrics.recordE2ELatency(context);
    }

    @Override
    public V delete(K key) {
        long start = metrics.start(Op.DELETE);
        V v = value(inner.delete(keyBytes(key)));
        metrics.end(Op.DELETE, start);
        return v;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        long start = metrics.start(Op.RANGE);
        return metrics.iterator(Op.RANGE, start, new Deserializing(inner.range(from == null ? null : keyBytes(from), to == null ? null : keyBytes(to))));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        long start = metrics.start(Op.RANGE);
        return metrics.iterator(Op.RANGE, start, new Deserializing(inner.reverseRange(from == null ? null : keyBytes(from), to == null ? null : keyBytes(to))));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        long start = metrics.start(Op.ALL);
        return metrics.iterator(Op.ALL, start, new Deserializing(inner.all()));
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        long start = metrics.start(Op.ALL);
        return metrics.iterator(Op.ALL, start, new Deserializing(inner.reverseAll()));
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        Objects.requireNonNull(prefix, "prefix cannot be null");
        Objects.requireNonNull(prefixKeySerializer, "prefixKeySerializer cannot be null");
        long start = metrics.start(Op.PREFIX_SCAN);
        // serialize here with the changelog topic, then pass the bytes through unchanged
        byte[] p = prefixKeySerializer.serialize(topic, prefix);
        return metrics.iterator(Op.PREFIX_SCAN, start, new Deserializing(inner.prefixScan(p, (t, data) -> data)));
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
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

    private final class Deserializing implements KeyValueIterator<K, V> {
        private final KeyValueIterator<Bytes, byte[]> it;

        Deserializing(KeyValueIterator<Bytes, byte[]> it) {
            this.it = it;
        }

        @Override
        public boolean hasNext() {
            return it.hasNext();
        }

        @Override
        public KeyValue<K, V> next() {
            KeyValue<Bytes, byte[]> kv = it.next();
            return KeyValue.pair(keySerde.deserializer().deserialize(topic, kv.key.get()), value(kv.value));
        }

        @Override
        public K peekNextKey() {
            return keySerde.deserializer().deserialize(topic, it.peekNextKey().get());
        }

        @Override
        public void close() {
            it.close();
        }
    }
}
