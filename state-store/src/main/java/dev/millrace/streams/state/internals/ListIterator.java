package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.state.KeyValueIterator;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;

/**
 * Iterates over results collected when the scan began (the heap window and session stores' point-in-time view, as
 * {@link SnapshotIterator} for key-value stores); throws once it or its store is closed.
 */
final class ListIterator<K, V> implements KeyValueIterator<K, V> {
    private final String storeName;
    private final List<KeyValue<K, V>> entries;
    private final BooleanSupplier storeOpen;
    private int position;
    private boolean open = true;

    ListIterator(String storeName, List<KeyValue<K, V>> entries, BooleanSupplier storeOpen) {
        this.storeName = storeName;
        this.entries = entries;
        this.storeOpen = storeOpen;
    }

    private void checkOpen() {
        if (!open) throw new InvalidStateStoreException("iterator of store " + storeName + " is closed");
        if (!storeOpen.getAsBoolean()) throw new InvalidStateStoreException("store " + storeName + " is closed");
    }

    @Override
    public boolean hasNext() {
        checkOpen();
        return position < entries.size();
    }

    @Override
    public KeyValue<K, V> next() {
        if (!hasNext()) throw new NoSuchElementException();
        return entries.get(position++);
    }

    @Override
    public K peekNextKey() {
        if (!hasNext()) throw new NoSuchElementException();
        return entries.get(position).key;
    }

    @Override
    public void close() {
        open = false;
    }
}
