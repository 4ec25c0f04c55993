package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.WindowStore;
import dev.millrace.streams.state.WindowStoreIterator;
import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A record cache in front of a window store (without duplicates, which Kafka Streams never caches): puts coalesce per
 * key and window start in this store's {@link NamedCache} of the context's {@link ThreadCache}, the byte budget
 * ({@code statestore.cache.max.bytes}) shared with every other caching store of the context. Dirty entries go down,
 * all of them in the order of their latest write, on {@link #flush()}, {@link #close()}, or when the thread cache
 * evicts one of them; so the changelog below gets one record per window per commit. Cache keys are
 * {@link SegmentedCacheKeys} of the stored binary key, as in Kafka Streams.
 *
 * <p>Reads see exactly what the store would show without the cache: cached entries overlay the store's results, and
 * retention is applied with the stream time the store would have had (cached writes' timestamps included). Scans read
 * the store and the cache lazily and merge them in the store's own order (RocksDB: segment, then stored
 * bytes; in memory: start, then key). Optionally cached windows older than the retention are still returned, as Kafka
 * Streams' cache returns what it holds (a DSL cogroup needs that: its aggregations share the store but not stream time).
 */
public class CachingWindowStore extends CachingSegmentedStore<WindowStore<Bytes, byte[]>> implements WindowStore<Bytes, byte[]> {
    private final long windowSize;

    public CachingWindowStore(WindowStore<Bytes, byte[]> inner, long windowSize, long retentionPeriod, long segmentInterval) {
        this(inner, windowSize, retentionPeriod, segmentInterval, false);
    }

    /**
     * @param cachedOutliveRetention whether reads return cached windows older than the retention, as Kafka Streams'
     *                               record cache does
     */
    public CachingWindowStore(WindowStore<Bytes, byte[]> inner, long windowSize, long retentionPeriod, long segmentInterval,
                              boolean cachedOutliveRetention) {
        super(inner, retentionPeriod, segmentInterval, cachedOutliveRetention);
        this.windowSize = windowSize;
    }

    @Override
    protected void writeDown(List<KeyValue<Bytes, byte[]>> dirty) {
        for (KeyValue<Bytes, byte[]> e : dirty) {
            byte[] b = SegmentedCacheKeys.binaryKey(e.key);
            inner.put(Bytes.wrap(WindowKeySchema.extractStoreKeyBytes(b)), e.value, WindowKeySchema.extractStoreTimestamp(b));
        }
    }

    /** {@code [segment id][key][window start][seqnum 0]}, built in one array (it is made on every put and fetch). */
    private Bytes cacheKey(Bytes key, long windowStart) {
        byte[] k = key.get();
        byte[] out = new byte[SegmentedCacheKeys.SEGMENT_ID_SIZE + k.length + WindowKeySchema.SUFFIX_SIZE];
        ByteBuffer.wrap(out).putLong(cacheKeys.segmentId(windowStart)).put(k).putLong(windowStart).putInt(0);
        return Bytes.wrap(out);
    }

    @Override
    public synchronized void put(Bytes key, byte[] value, long windowStartTimestamp) {
        checkOpen();
        BytesRanges.requireKey(key);
        if (windowStartTimestamp < 0) throw new IllegalArgumentException("timestamp cannot be negative: " + windowStartTimestamp);
        cachedWriteAt(windowStartTimestamp);
        namedCache().put(cacheKey(key, windowStartTimestamp), value, true);
    }

    @Override
    public synchronized byte[] fetch(Bytes key, long time) {
        checkOpen();
        BytesRanges.requireKey(key);
        boolean expired = time <= retentionCutoff();
        if (expired && !cachedOutliveRetention) return null;
        ThreadCache.Entry e = namedCache().get(cacheKey(key, time));
        if (e != null) return e.value;
        return expired ? null : inner.fetch(key, time);
    }

    private Comparator<byte[]> order(boolean forward) {
        Comparator<byte[]> c = inner.persistent()
                ? Comparator.<byte[]>comparingLong(b -> WindowKeySchema.extractStoreTimestamp(b) / segmentInterval).thenComparing(Arrays::compareUnsigned)
                : Comparator.<byte[]>comparingLong(WindowKeySchema::extractStoreTimestamp).thenComparing(WindowKeySchema::extractStoreKeyBytes, Arrays::compareUnsigned);
        return forward ? c : c.reversed();
    }

    /** The cached entries (by stored binary key) of the windows a search matches, read lazily in {@code order}. */
    private CachedWindowedCursor cachedMatches(Bytes keyFrom, Bytes keyTo, long from, long to, long cutoff, boolean forward, Comparator<byte[]> order) {
        return cachedCursor(from, to, forward, b -> {
            long ts = WindowKeySchema.extractStoreTimestamp(b);
            return ts >= from && ts <= to && (cachedOutliveRetention || ts > cutoff) && KeyPrefixBounds.keyInRange(b, b.length - WindowKeySchema.SUFFIX_SIZE, keyFrom, keyTo);
        }, order);
    }

    private synchronized KeyValueIterator<Windowed<Bytes>, byte[]> scan(Bytes keyFrom, Bytes keyTo, long from, long to, boolean forward) {
        checkOpen();
        if (BytesRanges.inverted(keyFrom, keyTo)) {
            return new MappedKeyValueIterator<>(new ListIterator<byte[], byte[]>(name(), List.of(), inner::isOpen),
                    b -> WindowKeySchema.fromStoreBytesKey(b, windowSize), v -> v);
        }
        long cutoff = retentionCutoff();
        Comparator<byte[]> order = order(forward);
        CachedWindowedCursor cached = cachedMatches(keyFrom, keyTo, from, to, cutoff, forward, order);
        KeyValueIterator<Windowed<Bytes>, byte[]> stored = keyFrom == null && keyTo == null
                ? (forward ? inner.fetchAll(from, to) : inner.backwardFetchAll(from, to))
                : (forward ? inner.fetch(keyFrom, keyTo, from, to) : inner.backwardFetch(keyFrom, keyTo, from, to));
        return new MergedSortedCacheWindowedIterator(name(), cached, stored,
                w -> WindowKeySchema.toStoreKeyBinary(w.key(), w.window().start(), 0).get(),
                b -> WindowKeySchema.fromStoreBytesKey(b, windowSize), order,
                b -> WindowKeySchema.extractStoreTimestamp(b) > cutoff, inner::isOpen);
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
}
