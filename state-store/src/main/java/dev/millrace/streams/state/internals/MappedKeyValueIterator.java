package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.state.KeyValueIterator;

import java.util.function.Function;

/**
 * Converts the keys and values of an inner iterator as they pass (binary key to window, bytes to objects). Closing it
 * closes the inner iterator, whose store-closed and iterator-closed checks therefore apply here too.
 */
class MappedKeyValueIterator<K1, V1, K2, V2> implements KeyValueIterator<K2, V2> {
    private final KeyValueIterator<K1, V1> inner;
    private final Function<K1, K2> keyMapper;
    private final Function<V1, V2> valueMapper;

    MappedKeyValueIterator(KeyValueIterator<K1, V1> inner, Function<K1, K2> keyMapper, Function<V1, V2> valueMapper) {
        this.inner = inner;
        this.keyMapper = keyMapper;
        this.valueMapper = valueMapper;
    }

    @Override
    public boolean hasNext() {
        return inner.hasNext();
    }

    @Override
    public KeyValue<K2, V2> next() {
        KeyValue<K1, V1> kv = inner.next();
        return KeyValue.pair(keyMapper.apply(kv.key), valueMapper.apply(kv.value));
    }

    @Override
    public K2 peekNextKey() {
        return keyMapper.apply(inner.peekNextKey());
    }

    @Override
    public void close() {
        inner.close();
    }
}
