package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
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
 * (when the store runs in a Streams client and was given its supplier's metrics scope). Serdes, metrics, flush and
 * close are {@link MeteredStore}'s.
 */
public class MeteredKeyValueStore<K, V> extends MeteredStore<KeyValueStore<Bytes, byte[]>, K, V> implements KeyValueStore<K, V> {
    public MeteredKeyValueStore(KeyValueStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        this(inner, null, keySerde, valueSerde);
    }

    /** {@code metricsScope}: the supplier's, naming the store type tag ({@code <scope>-state-id}); null for no metrics. */
    public MeteredKeyValueStore(KeyValueStore<Bytes, byte[]> inner, String metricsScope, Serde<K> keySerde, Serde<V> valueSerde) {
        super(inner, metricsScope, StateStoreMetrics.KEY_VALUE_OPS, keySerde, valueSerde);
    }

    /** Kafka Streams' changelog topic name, {@code <application.id>-<store>-changelog}. */
    public static String changelogTopic(String applicationId, String storeName) {
        return applicationId + "-" + storeName + "-changelog";
    }

    @Override
    public V get(K key) {
        long start = metrics().start(Op.GET);
        V v = value(inner.get(keyBytes(key)));
        metrics().end(Op.GET, start);
        return v;
    }

    @Override
    public void put(K key, V value) {
        long start = metrics().start(Op.PUT);
        inner.put(keyBytes(key), valueBytes(value));
        metrics().end(Op.PUT, start);
        recordE2ELatency();
    }

    @Override
    public V putIfAbsent(K key, V value) {
        long start = metrics().start(Op.PUT_IF_ABSENT);
        V v = value(inner.putIfAbsent(keyBytes(key), valueBytes(value)));
        metrics().end(Op.PUT_IF_ABSENT, start);
        recordE2ELatency();
        return v;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        long start = metrics().start(Op.PUT_ALL);
        List<KeyValue<Bytes, byte[]>> bytes = new ArrayList<>(entries.size());
        for (KeyValue<K, V> e : entries) bytes.add(KeyValue.pair(keyBytes(e.key), valueBytes(e.value)));
        inner.putAll(bytes);
        metrics().end(Op.PUT_ALL, start);
        recordE2ELatency();
    }

    @Override
    public V delete(K key) {
        long start = metrics().start(Op.DELETE);
        V v = value(inner.delete(keyBytes(key)));
        metrics().end(Op.DELETE, start);
        return v;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        long start = metrics().start(Op.RANGE);
        return metrics().iterator(Op.RANGE, start, new Deserializing(inner.range(boundBytes(from), boundBytes(to))));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        long start = metrics().start(Op.RANGE);
        return metrics().iterator(Op.RANGE, start, new Deserializing(inner.reverseRange(boundBytes(from), boundBytes(to))));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        long start = metrics().start(Op.ALL);
        return metrics().iterator(Op.ALL, start, new Deserializing(inner.all()));
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        long start = metrics().start(Op.ALL);
        return metrics().iterator(Op.ALL, start, new Deserializing(inner.reverseAll()));
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        Objects.requireNonNull(prefix, "prefix cannot be null");
        Objects.requireNonNull(prefixKeySerializer, "prefixKeySerializer cannot be null");
        long start = metrics().start(Op.PREFIX_SCAN);
        // serialize here with the changelog topic, then pass the bytes through unchanged
        byte[] p = prefixKeySerializer.serialize(topic(), prefix);
        return metrics().iterator(Op.PREFIX_SCAN, start, new Deserializing(inner.prefixScan(p, (t, data) -> data)));
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
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
            return KeyValue.pair(key(kv.key), value(kv.value));
        }

        @Override
        public K peekNextKey() {
            return key(it.peekNextKey());
        }

        @Override
        public void close() {
            it.close();
        }
    }
}
