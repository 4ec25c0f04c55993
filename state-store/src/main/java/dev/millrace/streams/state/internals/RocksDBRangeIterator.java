package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.errors.ProcessorStateException;
import dev.millrace.streams.state.KeyValueIterator;
import org.apache.kafka.common.utils.Bytes;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

import java.util.Arrays;

import java.util.NoSuchElementException;

/**
 * A scan over a RocksDB store between an inclusive lower bound and an upper bound that is inclusive for ranges and
 * exclusive for prefix scans (null bounds are open). RocksDB's bytewise comparator is the same unsigned order as
 * {@link Bytes}, so seeks land where Kafka Streams' would. The native iterator pins an implicit snapshot until it is
 * closed, which is why callers must close it and the store closes any left open.
 * <p>
 * The bounds are also handed to RocksDB ({@code iterate_lower_bound}/{@code iterate_upper_bound}) so the engine
 * itself stops at them: without them the step past the last key in range merges every sorted run (memtables, each
 * level-0 file, each level) beyond the bound and skips any run of deleted keys there before the check here sees a
 * key out of range, and level iterators may open the next file. The checks here stay as the contract's guard.
 */
final class RocksDBRangeIterator implements KeyValueIterator<Bytes, byte[]> {
    private final RocksDBStore store;
    private final ReadOptions readOptions;
    private final Slice lowerSlice;
    private final Slice upperSlice;
    private final RocksIterator iter;
    private final Bytes lower;
    private final Bytes upper;
    private final boolean upperInclusive;
    private final boolean forward;
    private KeyValue<Bytes, byte[]> next;
    private volatile boolean open = true;

    RocksDBRangeIterator(RocksDBStore store, RocksDB db, Bytes lower, Bytes upper, boolean upperInclusive, boolean forward) {
        this.store = store;
        // RocksDB's lower bound is inclusive and its upper bound exclusive; an inclusive upper bound u becomes u+0x00,
        // the smallest key above u in bytewise order. The slices must outlive the iterator: closeNative frees them.
        readOptions = new ReadOptions();
        lowerSlice = lower == null ? null : new Slice(lower.get());
        upperSlice = upper == null ? null : new Slice(upperInclusive ? successor(upper.get()) : upper.get());
        if (lowerSlice != null) readOptions.setIterateLowerBound(lowerSlice);
        if (upperSlice != null) readOptions.setIterateUpperBound(upperSlice);
        this.iter = db.newIterator(readOptions);
        this.lower = lower;
        this.upper = upper;
        this.upperInclusive = upperInclusive;
        this.forward = forward;
        if (forward) {
            if (lower == null) iter.seekToFirst();
            else iter.seek(lower.get());
        } else {
            if (upper == null) iter.seekToLast();
            else {
                iter.seekForPrev(upper.get());
                if (!upperInclusive && iter.isValid() && Bytes.wrap(iter.key()).equals(upper)) iter.prev();
            }
        }
        next = load();
    }

    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    private KeyValue<Bytes, byte[]> load() {
        if (!iter.isValid()) {
            try {
                iter.status(); // an invalid iterator is either at the end or failed; tell the two apart
            } catch (RocksDBException e) {
                throw new ProcessorStateException("error while scanning store " + store.name(), e);
            }
            return null;
        }
        Bytes key = Bytes.wrap(iter.key());
        if (forward && upper != null) {
            int c = key.compareTo(upper);
            if (c > 0 || (c == 0 && !upperInclusive)) return null;
        }
        if (!forward && lower != null && key.compareTo(lower) < 0) return null;
        KeyValue<Bytes, byte[]> kv = KeyValue.pair(key, iter.value());
        if (forward) iter.next();
        else iter.prev();
        return kv;
    }

    private void checkOpen() {
        if (!open) throw new InvalidStateStoreException("iterator of RocksDB store " + store.name() + " is closed");
    }

    @Override
    public synchronized boolean hasNext() {
        checkOpen();
        return next != null;
    }

    @Override
    public synchronized KeyValue<Bytes, byte[]> next() {
        if (!hasNext()) throw new NoSuchElementException();
        KeyValue<Bytes, byte[]> kv = next;
        next = load();
        return kv;
    }

    @Override
    public synchronized Bytes peekNextKey() {
        if (!hasNext()) throw new NoSuchElementException();
        return next.key;
    }

    @Override
    public void close() {
        closeNative();
        store.iteratorClosed(this);
    }

    /** Frees the native iterator; the store calls this for iterators still open when it closes, before the DB goes. */
    synchronized void closeNative() {
        if (open) {
            open = false;
            iter.close();
            readOptions.close();
            if (lowerSlice != null) lowerSlice.close();
            if (upperSlice != null) upperSlice.close();
        }
    }
}
