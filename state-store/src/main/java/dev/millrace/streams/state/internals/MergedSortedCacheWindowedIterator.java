package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.KeyValueIterator;
import org.apache.kafka.common.utils.Bytes;

import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Merges a window or session store's scan with the cached entries matching the same search, both read lazily (Kafka
 * Streams' merged sorted cache iterators for windowed stores). Both sides are compared by stored binary key in the
 * store's own order ({@code order}, already turned for backward scans); on equal keys the cache is newer and wins,
 * and a cached delete (null value) hides the stored entry. Stored entries the caching layer's stream time has expired
 * ({@code live} false: the store has not yet seen the cached writes that moved it) are skipped.
 */
final class MergedSortedCacheWindowedIterator implements KeyValueIterator<Windowed<Bytes>, byte[]> {
    private final String storeName;
    private final CachedWindowedCursor cached;
    private final KeyValueIterator<Windowed<Bytes>, byte[]> stored;
    private final Function<Windowed<Bytes>, byte[]> toBinary;
    private final Function<byte[], Windowed<Bytes>> fromBinary;
    private final Comparator<byte[]> order;
    private final Predicate<byte[]> live;
    private final BooleanSupplier storeOpen;
    /** The binary key of the stored entry next in line, computed once per entry. */
    private byte[] storedNext;
    private KeyValue<Windowed<Bytes>, byte[]> next;
    private boolean open = true;

    /** @param cached the cached entries matching the search, by binary key in {@code order}; null values are deletes */
    MergedSortedCacheWindowedIterator(String storeName, CachedWindowedCursor cached,
                                      KeyValueIterator<Windowed<Bytes>, byte[]> stored,
                                      Function<Windowed<Bytes>, byte[]> toBinary, Function<byte[], Windowed<Bytes>> fromBinary,
                                      Comparator<byte[]> order, Predicate<byte[]> live, BooleanSupplier storeOpen) {
        this.storeName = storeName;
        this.cached = cached;
        this.stored = stored;
        this.toBinary = toBinary;
        this.fromBinary = fromBinary;
        this.order = order;
        this.live = live;
        this.storeOpen = storeOpen;
    }

    /** The binary key of the next live stored entry, or null when the store's side is done. */
    private byte[] peekStored() {
        while (storedNext == null && stored.hasNext()) {
            byte[] b = toBinary.apply(stored.peekNextKey());
            if (live.test(b)) storedNext = b;
            else stored.next();
        }
        return storedNext;
    }

    private KeyValue<Windowed<Bytes>, byte[]> takeStored() {
        storedNext = null;
        return stored.next();
    }

    private KeyValue<Windowed<Bytes>, byte[]> load() {
        while (true) {
            KeyValue<byte[], byte[]> c = cached.peek();
            byte[] s = peekStored();
            if (c == null) return s == null ? null : takeStored();
            if (s != null) {
                int cmp = order.compare(s, c.key);
                if (cmp < 0) return takeStored();
                if (cmp == 0) takeStored(); // shadowed by the cache
            }
            cached.next();
            if (c.value != null) return KeyValue.pair(fromBinary.apply(c.key), c.value);
            // a cached delete: nothing to show, and the stored entry it hides was skipped above
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
    public KeyValue<Windowed<Bytes>, byte[]> next() {
        if (!hasNext()) throw new NoSuchElementException();
        KeyValue<Windowed<Bytes>, byte[]> kv = next;
        next = null;
        return kv;
    }

    @Override
    public Windowed<Bytes> peekNextKey() {
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
