package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A heap key-value store: a TreeMap ordered by {@link Bytes}' unsigned comparison. Not persistent; its changelog is
 * its durability. Synchronized because interactive queries read from other threads than the task's.
 */
public class InMemoryKeyValueStore implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private final TreeMap<Bytes, byte[]> map = new TreeMap<>();
    private volatile boolean open;
    private int openIterators;

    public InMemoryKeyValueStore(String name) {
        this.name = name;
    }

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

    private void checkOpen() {
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
    public synchronized byte[] delete(Bytes key) {
        checkOpen();
        return map.remove(BytesRanges.requireKey(key));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return scan(from, to, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return scan(from, to, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return scan(null, null, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return scan(null, null, false);
    }

    @Override
    public synchronized <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        checkOpen();
        byte[] p = prefixKeySerializer.serialize(null, prefix);
        Bytes end = BytesRanges.prefixEnd(p);
        NavigableMap<Bytes, byte[]> sub = end == null ? map.tailMap(Bytes.wrap(p), true) : map.subMap(Bytes.wrap(p), true, end, false);
        return iterator(sub);
    }

    private synchronized KeyValueIterator<Bytes, byte[]> scan(Bytes from, Bytes to, boolean forward) {
        checkOpen();
        if (BytesRanges.inverted(from, to)) return iterator(Collections.emptyNavigableMap());
        NavigableMap<Bytes, byte[]> sub = map;
        if (from != null) sub = sub.tailMap(from, true);
        if (to != null) sub = sub.headMap(to, true);
        return iterator(forward ? sub : sub.descendingMap());
    }

    private KeyValueIterator<Bytes, byte[]> iterator(Map<Bytes, byte[]> view) {
        List<KeyValue<Bytes, byte[]>> copy = new ArrayList<>(view.size());
        for (Map.Entry<Bytes, byte[]> e : view.entrySet()) copy.add(KeyValue.pair(e.getKey(), e.getValue()));
        openIterators++;
        return new SnapshotIterator(name, copy, this::isOpen, this::iteratorClosed);
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
