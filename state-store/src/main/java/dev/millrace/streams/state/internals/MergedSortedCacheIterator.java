package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.state.KeyValueIterator;
import org.apache.kafka.common.utils.Bytes;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;

/**
 * Merges a scan of the record cache (a sorted snapshot whose null values are cached deletes) with the same scan of
 * the store underneath. Both run in the same direction; on equal keys the cache is newer and wins, and a cached
 * delete hides the store's entry.
 */
final class MergedSortedCacheIterator implements KeyValueIterator<Bytes, byte[]> {
    private final String storeName;
    private final List<KeyValue<Bytes, byte[]>> cached;
    private final KeyValueIterator<Bytes, byte[]> stored;
    private final boolean forward;
    private final BooleanSupplier storeOpen;
    private int position;
    private KeyValue<Bytes, byte[]> next;
    private boolean open = true;

    MergedSortedCacheIterator(String storeName, List<KeyValue<Bytes, byte[]>> cached, KeyValueIterator<Bytes, byte[]> stored,
                              boolean forward, BooleanSupplier storeOpen) {
        this.storeName = storeName;
        this.cached = cached;
        this.stored = stored;
        this.forward = forward;
        this.storeOpen = storeOpen;
    }

    /** Negative when {@code a} comes first in this iterator's direction. */
    private int order(Bytes a, Bytes b) {
        return forward ? a.compareTo(b) : b.compareTo(a);
    }

    private KeyValue<Bytes, byte[]> load() {
        while (true) {
            KeyValue<Bytes, byte[]> c = position < cached.size() ? cached.get(position) : null;
            boolean hasStored = stored.hasNext();
            if (c == null && !hasStored) return null;
            if (c == null) return stored.next();
            if (hasStored) {
                int cmp = order(stored.peekNextKey(), c.key);
                if (cmp < 0) return stored.next();
                if (cmp == 0) stored.next(); // shadowed by the cache
            }
            position++;
            if (c.value != null) return c;
            // a cached delete: skip it, and the stored entry it shadows was skipped above
        }
    }

    private void checkOpen() {
        if (!open) throw new InvalidStateStoreException("iterator of store " + storeName + " is closed");
        if (!storeOpen.getAsBoolean()) throw new InvalidStateStoreException("store " + storeName + " is closed");
    }

    @Override
    public boolean hasNext() {
        checkOpen();
        if (next == null) next = load();
        return next != null;
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        if (!hasNext()) throw new NoSuchElementException();
        KeyValue<Bytes, byte[]> kv = next;
        next = null;
        return kv;
    }

    @Override
    public Bytes peekNextKey() {
        if (!hasNext()) throw new NoSuchElementException();
        return next.key;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            stored.close();
        }
    }
}
