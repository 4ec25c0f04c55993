package dev.millrace.streams.processor.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.Serializer;

import java.util.ArrayList;
import java.util.List;

/**
 * A timestamped store seen as a plain one (what {@code getKeyValueStore} gives for the DSL's stores): reads drop the
 * timestamps, writes store the value with no timestamp (-1), as Kafka Streams' facade does.
 */
public final class KeyValueStoreFacade<K, V> implements KeyValueStore<K, V> {
    private final TimestampedKeyValueStore<K, V> inner;

    public KeyValueStoreFacade(TimestampedKeyValueStore<K, V> inner) {
        this.inner = inner;
    }

    @Override
    public V get(K key) {
        return ValueAndTimestamp.getValueOrNull(inner.get(key));
    }

    @Override
    public void put(K key, V value) {
        inner.put(key, ValueAndTimestamp.make(value, -1L));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return ValueAndTimestamp.getValueOrNull(inner.putIfAbsent(key, ValueAndTimestamp.make(value, -1L)));
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        List<KeyValue<K, ValueAndTimestamp<V>>> out = new ArrayList<>(entries.size());
        for (KeyValue<K, V> e : entries) out.add(KeyValue.pair(e.key, ValueAndTimestamp.make(e.value, -1L)));
        inner.putAll(out);
    }

    @Override
    public V delete(K key) {
        return ValueAndTimestamp.getValueOrNull(inner.delete(key));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return new Values<>(inner.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return new Values<>(inner.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return new Values<>(inner.all());
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return new Values<>(inner.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return new Values<>(inner.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        throw new UnsupportedOperationException("the facade of an open store cannot be initialised");
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    private static final class Values<K, V> implements KeyValueIterator<K, V> {
        private final KeyValueIterator<K, ValueAndTimestamp<V>> it;

        Values(KeyValueIterator<K, ValueAndTimestamp<V>> it) {
            this.it = it;
        }

        @Override
        public boolean hasNext() {
            return it.hasNext();
        }

        @Override
        public KeyValue<K, V> next() {
            KeyValue<K, ValueAndTimestamp<V>> kv = it.next();
            return KeyValue.pair(kv.key, ValueAndTimestamp.getValueOrNull(kv.value));
        }

        @Override
        public K peekNextKey() {
            return it.peekNextKey();
        }

        @Override
        public void close() {
            it.close();
        }
    }
}
