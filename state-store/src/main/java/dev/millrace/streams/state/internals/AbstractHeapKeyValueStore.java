package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * What the heap stores share: a {@code Map<Bytes, byte[]>} behind the key-value contract, open/closed state,
 * and scans answered from a snapshot. Subclasses choose the map (sorted, or in access order) and how a scan
 * selects its entries. Synchronized because interactive queries read from other threads than the task's.
 */
abstract class AbstractHeapKeyValueStore<M extends Map<Bytes, byte[]>>
        implements KeyValueStore<Bytes, byte[]>, ChangelogRestoreTarget {
    protected final String name;
    protected final M map;
    private volatile boolean open;
    private int openIterators;

    AbstractHeapKeyValueStore(String name, M map) {
        this.name = name;
        this.map = map;
    }

    /**
     * The entries with keys in [from, to] (null bounds are open) and, when {@code prefix} is set, starting with
     * it, in key order or reversed. Called with the store's lock held; {@code from > to} never reaches here.
     */
    abstract List<KeyValue<Bytes, byte[]>> select(Bytes from, Bytes to, byte[] prefix, boolean forward);

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        if (open) throw new IllegalStateException("store " + name + " is already open");
        open = true;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    protected void checkOpen() {
        if (!open) throw new InvalidStateStoreException("store " + name + " is closed");
    }

    @Override
    public synchronized byte[] get(Bytes key) {
        checkOpen();
        return map.get(BytesRanges.requireKey(key));
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        checkOpen();
        BytesRanges.requireKey(key);
        if (value == null) map.remove(key);
        else map.put(key, value);
    }

    @Override
    public synchronized byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] old = get(key);
        if (old == null) put(key, value);
        return old;
    }

    @Override
    public synchronized void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        checkOpen();
        for (KeyValue<Bytes, byte[]> e : entries) BytesRanges.requireKey(e.key);
        for (KeyValue<Bytes, byte[]> e : entries) put(e.key, e.value);
    }

    @Override
    public synchronized void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records,
                                          Function<ConsumerRecord<byte[], byte[]>, byte[]> valueOf) {
        checkOpen();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Bytes key = Bytes.wrap(Objects.requireNonNull(r.key(), "key cannot be null"));
            byte[] value = valueOf.apply(r);
            if (value == null) map.remove(key);
            else map.put(key, value);
        }
    }

    @Override
    public synchronized byte[] delete(Bytes key) {
        checkOpen();
        return map.remove(BytesRanges.requireKey(key));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return scan(from, to, null, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return scan(from, to, null, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return scan(null, null, null, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return scan(null, null, null, false);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        byte[] p = prefixKeySerializer.serialize(null, prefix);
        return scan(Bytes.wrap(p), null, p, true);
    }

    private synchronized KeyValueIterator<Bytes, byte[]> scan(Bytes from, Bytes to, byte[] prefix, boolean forward) {
        checkOpen();
        List<KeyValue<Bytes, byte[]>> selected = BytesRanges.inverted(from, to) ? List.of() : select(from, to, prefix, forward);
        openIterators++;
        return new SnapshotIterator(name, selected, this::isOpen, this::iteratorClosed);
    }

    private synchronized void iteratorClosed() {
        openIterators--;
    }

    /** Iterators not yet closed; tests use it to prove every scan path closes what it opens. */
    public synchronized int openIterators() {
        return openIterators;
    }

    @Override
    public synchronized long approximateNumEntries() {
        checkOpen();
        return map.size();
    }

    @Override
    public void flush() {
        // nothing buffered: every write is already in the map
    }

    @Override
    public synchronized void close() {
        map.clear();
        open = false;
    }
}
