package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.ValueAndTimestamp;

/** Iterates a timestamped store's entries with plain values, as Kafka Streams' class of the same name. */
public final class KeyValueIteratorFacade<K, V> implements KeyValueIterator<K, V> {
    private final KeyValueIterator<K, ValueAndTimestamp<V>> inner;

    public KeyValueIteratorFacade(KeyValueIterator<K, ValueAndTimestamp<V>> inner) {
        this.inner = inner;
    }

    @Override
    public boolean hasNext() {
        return inner.hasNext();
    }

    @Override
    public KeyValue<K, V> next() {
        KeyValue<K, ValueAndTimestamp<V>> kv = inner.next();
        return KeyValue.pair(kv.key, ValueAndTimestamp.getValueOrNull(kv.value));
    }

    @Override
    public K peekNextKey() {
        return inner.peekNextKey();
    }

    @Override
    public void close() {
        inner.close();
    }
}
