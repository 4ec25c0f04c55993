package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.WindowStore;
import dev.millrace.streams.state.WindowStoreIterator;
import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A write cache in front of a window store (without duplicates, which Kafka Streams never caches): puts coalesce per
 * key and window start and go down on {@link #flush()}, {@link #close()}, or when {@code statestore.cache.max.bytes}
 * is exceeded (all of them, in the order of their latest write), so the changelog below gets one record per window
 * per commit.
 *
 * <p>Reads see exactly what the store would show without the cache: buffered writes overlay the store's results,
 * and retention is applied with the stream time the store would have had (the buffered writes' timestamps
 * included). Scans are materialized: the store's results for the search are read whole, merged with the buffer, and
 * sorted in the store's own order (RocksDB: segment, then stored bytes; in memory: start, then key).
 */
public class CachingWindowStore implements WindowStore<Bytes, byte[]> {
    private final WindowStore<Bytes, byte[]> inner;
    private final long windowSize;
    private final long retentionPeriod;
    private final long segmentInterval;
    private final WindowedWriteBuffer buffer = new WindowedWriteBuffer();
    private StreamTimeAware engine;

    public CachingWindowStore(WindowStore<Bytes, byte[]> inner, long windowSize, long retentionPeriod, long segmentInterval) {
        this.inner = inner;
        this.windowSize = windowSize;
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
    }

    public WindowStore<Bytes, byte[]> wrapped() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        buffer.configure(context.appConfigs());
        inner.init(context, root);
        engine = findEngine(inner);
    }

    /** The engine below the changelog layer and adapters, for its stream time; null for a foreign store. */
    private static StreamTimeAware findEngine(StateStore store) {
        while (true) {
            if (store instanceof StreamTimeAware) return (StreamTimeAware) store;
            if (store instanceof ChangeLoggingWindowBytesStore) store = ((ChangeLoggingWindowBytesStore) store).wrapped();
            else if (store instanceof WindowToTimestampedWindowByteStoreAdapter) store = ((WindowToTimestampedWindowByteStoreAdapter) store).wrapped();
            else return null;
        }
    }

    private void checkOpen() {
        if (!inner.isOpen()) throw new InvalidStateStoreException("store " + name() + " is closed");
    }

    private long streamTime() {
        return Math.max(engine == null ? -1 : engine.observedStreamTime(), buffer.streamTime());
    }

    private boolean live(long timestamp) {
        return timestamp > streamTime() - retentionPeriod;
    }

    @Override
    public synchronized void put(Bytes key, byte[] value, long windowStartTimestamp) {
        checkOpen();
        BytesRanges.requireKey(key);
        if (windowStartTimestamp < 0) throw new IllegalArgumentException("timestamp cannot be negative: " + windowStartTimestamp);
        Bytes binary = WindowKeySchema.toStoreKeyBinary(key, windowStartTimestamp, 0);
        if (buffer.put(binary, new WindowedWriteBuffer.Write(value, false, windowStartTimestamp), true)) writeDown();
    }

    private void writeDown() {
        for (Map.Entry<Bytes, WindowedWriteBuffer.Write> e : buffer.drain()) {
            byte[] b = e.getKey().get();
            inner.put(Bytes.wrap(WindowKeySchema.extractStoreKeyBytes(b)), e.getValue().value(), WindowKeySchema.extractStoreTimestamp(b));
        }
    }

    @Override
    public synchronized byte[] fetch(Bytes key, long time) {
        checkOpen();
        BytesRanges.requireKey(key);
        if (!live(time)) return null;
        WindowedWriteBuffer.Write w = buffer.get(WindowKeySchema.toStoreKeyBinary(key, time, 0));
        return w != null ? w.value() : inner.fetch(key, time);
    }

    private Comparator<byte[]> order(boolean forward) {
        Comparator<byte[]> c = inner.persistent()
                ? Comparator.<byte[]>comparingLong(b -> WindowKeySchema.extractStoreTimestamp(b) / segmentInterval).thenComparing(Arrays::compareUnsigned)
                : Comparator.<byte[]>comparingLong(WindowKeySchema::extractStoreTimestamp).thenComparing(WindowKeySchema::extractStoreKeyBytes, Arrays::compareUnsigned);
        return forward ? c : c.reversed();
    }

    /** The store's results for a search merged with the buffered writes that match it, in the store's order. */
    private List<KeyValue<byte[], byte[]>> merged(KeyValueIterator<Windowed<Bytes>, byte[]> stored, Bytes keyFrom, Bytes keyTo,
                                                  long from, long to, boolean forward) {
        Map<Bytes, byte[]> result = new HashMap<>();
        try (stored) {
            while (stored.hasNext()) {
                KeyValue<Windowed<Bytes>, byte[]> kv = stored.next();
                result.put(WindowKeySchema.toStoreKeyBinary(kv.key.key(), kv.key.window().start(), 0), kv.value);
            }
        }
        for (Map.Entry<Bytes, WindowedWriteBuffer.Write> e : buffer.entries()) {
            byte[] b = e.getKey().get();
            long ts = WindowKeySchema.extractStoreTimestamp(b);
            if (ts < from || ts > to || !KeyPrefixBounds.keyInRange(b, b.length - WindowKeySchema.SUFFIX_SIZE, keyFrom, keyTo)) continue;
            if (e.getValue().value() == null) result.remove(e.getKey());
            else result.put(e.getKey(), e.getValue().value());
        }
        List<KeyValue<byte[], byte[]>> out = new ArrayList<>(result.size());
        for (Map.Entry<Bytes, byte[]> e : result.entrySet()) {
            if (live(WindowKeySchema.extractStoreTimestamp(e.getKey().get()))) out.add(KeyValue.pair(e.getKey().get(), e.getValue()));
        }
        Comparator<byte[]> order = order(forward);
        out.sort((a, b) -> order.compare(a.key, b.key));
        return out;
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> windowed(List<KeyValue<byte[], byte[]>> entries) {
        return new MappedKeyValueIterator<>(new ListIterator<>(name(), entries, inner::isOpen),
                b -> WindowKeySchema.fromStoreBytesKey(b, windowSize), v -> v);
    }

    private synchronized KeyValueIterator<Windowed<Bytes>, byte[]> scan(Bytes keyFrom, Bytes keyTo, long from, long to, boolean forward) {
        checkOpen();
        if (BytesRanges.inverted(keyFrom, keyTo)) return windowed(List.of());
        KeyValueIterator<Windowed<Bytes>, byte[]> stored = keyFrom == null && keyTo == null
                ? (forward ? inner.fetchAll(from, to) : inner.backwardFetchAll(from, to))
                : (forward ? inner.fetch(keyFrom, keyTo, from, to) : inner.backwardFetch(keyFrom, keyTo, from, to));
        return windowed(merged(stored, keyFrom, keyTo, from, to, forward));
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        BytesRanges.requireKey(key);
        return new MappedWindowStoreIterator<>(scan(key, key, timeFrom, timeTo, true), w -> w.window().start(), v -> v);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        BytesRanges.requireKey(key);
        return new MappedWindowStoreIterator<>(scan(key, key, timeFrom, timeTo, false), w -> w.window().start(), v -> v);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return scan(keyFrom, keyTo, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return scan(keyFrom, keyTo, timeFrom, timeTo, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return scan(null, null, 0, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return scan(null, null, 0, Long.MAX_VALUE, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return scan(null, null, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return scan(null, null, timeFrom, timeTo, false);
    }

    /** Buffered writes not yet written down; tests check coalescing. */
    public synchronized int dirtyEntries() {
        return buffer.size();
    }

    @Override
    public synchronized void flush() {
        checkOpen();
        writeDown();
        inner.flush();
    }

    @Override
    public synchronized void close() {
        if (inner.isOpen()) writeDown();
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
