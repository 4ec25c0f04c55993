package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.state.KeyValueIterator;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * One iterator over several stores, store after store: each store's iterator is opened when the previous one is
 * exhausted (and closed then), so at most one is open at a time. Not merged or sorted across stores, as Kafka
 * Streams' composite views.
 */
final class CompositeKeyValueIterator<K, V, S> implements KeyValueIterator<K, V> {
    private final Iterator<S> stores;
    private final Function<S, KeyValueIterator<K, V>> open;
    private KeyValueIterator<K, V> current;

    CompositeKeyValueIterator(Iterator<S> stores, Function<S, KeyValueIterator<K, V>> open) {
        this.stores = stores;
        this.open = open;
    }

    @Override
    public boolean hasNext() {
        while ((current == null || !current.hasNext()) && stores.hasNext()) {
            close();
            current = open.apply(stores.next());
        }
        return current != null && current.hasNext();
    }

    @Override
    public KeyValue<K, V> next() {
        if (!hasNext()) throw new NoSuchElementException();
        return current.next();
    }

    @Override
    public K peekNextKey() {
        if (!hasNext()) throw new NoSuchElementException();
        return current.peekNextKey();
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
