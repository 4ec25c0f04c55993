package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.state.KeyValueIterator;
import org.apache.kafka.common.utils.Bytes;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;

/**
 * Iterates over entries copied when the scan began. The heap stores copy because a caller may write to the store
 * while iterating (a punctuator deleting what it scans); a copy gives the same point-in-time view a RocksDB iterator
 * gives, and no ConcurrentModificationException.
 */
final class SnapshotIterator implements KeyValueIterator<Bytes, byte[]> {
    private final String storeName;
    private final List<KeyValue<Bytes, byte[]>> entries;
    private final BooleanSupplier storeOpen;
    private final Runnable onClose;
    private int position;
    private boolean open = true;

    SnapshotIterator(String storeName, List<KeyValue<Bytes, byte[]>> entries, BooleanSupplier storeOpen, Runnable onClose) {
        this.storeName = storeName;
        this.entries = entries;
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
        return position < entries.size();
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        if (!hasNext()) throw new NoSuchElementException();
        return entries.get(position++);
    }

    @Override
    public Bytes peekNextKey() {
        if (!hasNext()) throw new NoSuchElementException();
        return entries.get(position).key;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            onClose.run();
        }
    }
}
