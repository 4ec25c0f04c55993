package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.state.KeyValueIterator;
import org.apache.kafka.common.utils.Bytes;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Scans segments one after the other (in time order, or reversed), each between the same inclusive bounds, and yields
 * the entries the search matches. A segment dropped while the scan is on it (stream time moved) ends its part of the
 * scan; the store being closed makes every call throw, as for key-value iterators.
 */
final class SegmentIterator implements KeyValueIterator<Bytes, byte[]> {
    private final String storeName;
    private final Iterator<KeyValueSegment> segments;
    private final Bytes lower;
    private final Bytes upper;
    private final boolean forward;
    private final Predicate<byte[]> matches;
    private final BooleanSupplier storeOpen;
    private final Runnable onClose;
    private KeyValueSegment current;
    private KeyValueIterator<Bytes, byte[]> currentIterator;
    private KeyValue<Bytes, byte[]> next;
    private boolean open = true;

    SegmentIterator(String storeName, List<KeyValueSegment> segments, Bytes lower, Bytes upper, boolean forward,
                    Predicate<byte[]> matches, BooleanSupplier storeOpen, Runnable onClose) {
        this.storeName = storeName;
        this.segments = segments.iterator();
        this.lower = lower;
        this.upper = upper;
        this.forward = forward;
        this.matches = matches;
        this.storeOpen = storeOpen;
        this.onClose = onClose;
    }

    private void checkOpen() {
        if (!open) throw new InvalidStateStoreException("iterator of store " + storeName + " is closed");
        if (!storeOpen.getAsBoolean()) throw new InvalidStateStoreException("store " + storeName + " is closed");
    }

    @Override
    public boolean hasNext() {
        checkOpen();
        while (next == null) {
            if (currentIterator != null && current.isOpen() && currentIterator.hasNext()) {
                KeyValue<Bytes, byte[]> kv = currentIterator.next();
                if (matches.test(kv.key.get())) next = kv;
                continue;
            }
            closeCurrent();
            if (!segments.hasNext()) return false;
            current = segments.next();
            if (!current.isOpen()) continue;
            currentIterator = forward ? current.range(lower, upper) : current.reverseRange(lower, upper);
        }
        return true;
    }

    private void closeCurrent() {
        if (currentIterator != null) currentIterator.close(); // safe after its segment closed: closing twice is a no-op
        currentIterator = null;
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
        if (!open) return;
        open = false;
        closeCurrent();
        onClose.run();
    }
}
