package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A record cache in front of a session store, as {@link CachingWindowStore}: puts and removes coalesce per session in
 * this store's {@link NamedCache} of the context's {@link ThreadCache} (cache keys: {@link SegmentedCacheKeys} of the
 * stored session key, segmented by session end) and go down on flush, close, or when the thread cache evicts one of
 * them. Reads overlay the cache on the store's results with the stream time the store would have had; scans read the
 * store and the cache lazily, merged in the store's own order (RocksDB: segment by end, then stored bytes; in
 * memory: end, key, start descending). A cached remove goes down as a remove and a cached null put as a put (Kafka
 * Streams makes both puts), since the engines treat the two differently for stream time. Optionally, cached sessions
 * older than the retention are still returned, as Kafka Streams' cache returns what it holds (the DSL asks for that).
 */
public class CachingSessionStore extends CachingSegmentedStore<SessionStore<Bytes, byte[]>> implements SessionStore<Bytes, byte[]> {
    /** Cache keys whose dirty entry is a remove rather than a put of null. */
    private final Set<Bytes> pendingRemoves = new HashSet<>();

    public CachingSessionStore(SessionStore<Bytes, byte[]> inner, long retentionPeriod, long segmentInterval) {
        this(inner, retentionPeriod, segmentInterval, false);
    }

    /**
     * @param cachedOutliveRetention whether searches return cached sessions older than the retention, as Kafka
     *                               Streams' record cache does (what the DSL's session aggregation sees there)
     */
    public CachingSessionStore(SessionStore<Bytes, byte[]> inner, long retentionPeriod, long segmentInterval,
                               boolean cachedOutliveRetention) {
        super(inner, retentionPeriod, segmentInterval, cachedOutliveRetention);
    }

    @Override
    protected void writeDown(List<KeyValue<Bytes, byte[]>> dirty) {
        for (KeyValue<Bytes, byte[]> e : dirty) {
            Windowed<Bytes> sessionKey = SessionKeySchema.from(SegmentedCacheKeys.binaryKey(e.key));
            if (e.value == null && pendingRemoves.contains(e.key)) inner.remove(sessionKey);
            else inner.put(sessionKey, e.value);
        }
        for (KeyValue<Bytes, byte[]> e : dirty) pendingRemoves.remove(e.key); // all down: none is pending any more
    }

    private Bytes cacheKey(Bytes key, long start, long end) {
        return cacheKeys.cacheKey(SessionKeySchema.toBinary(key, start, end), end);
    }

    @Override
    public synchronized void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        checkOpen();
        RocksDBSessionStore.requireSessionKey(sessionKey);
        long end = sessionKey.window().end();
        Bytes cacheKey = cacheKey(sessionKey.key(), sessionKey.window().start(), end);
        cachedWriteAt(end);
        pendingRemoves.remove(cacheKey); // before the cache put, which may write it down at once
        namedCache().put(cacheKey, aggregate, true);
    }

    @Override
    public synchronized void remove(Windowed<Bytes> sessionKey) {
        checkOpen();
        RocksDBSessionStore.requireSessionKey(sessionKey);
        long end = sessionKey.window().end();
        Bytes cacheKey = cacheKey(sessionKey.key(), sessionKey.window().start(), end);
        if (inner.persistent()) cachedWriteAt(end); // RocksDB moves stream time on a remove, the heap store does not
        pendingRemoves.add(cacheKey);
        namedCache().put(cacheKey, null, true);
    }

    @Override
    public synchronized byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        checkOpen();
        BytesRanges.requireKey(key);
        if (sessionEndTime <= retentionCutoff()) return null;
        ThreadCache.Entry e = namedCache().get(cacheKey(key, sessionStartTime, sessionEndTime));
        return e != null ? e.value : inner.fetchSession(key, sessionStartTime, sessionEndTime);
    }

    private Comparator<byte[]> order(boolean forward) {
        Comparator<byte[]> c = inner.persistent()
                ? Comparator.<byte[]>comparingLong(b -> SessionKeySchema.extractEndTimestamp(b) / segmentInterval).thenComparing(Arrays::compareUnsigned)
                : Comparator.<byte[]>comparingLong(SessionKeySchema::extractEndTimestamp)
                        .thenComparing(SessionKeySchema::extractKeyBytes, Arrays::compareUnsigned)
                        .thenComparing(Comparator.comparingLong(SessionKeySchema::extractStartTimestamp).reversed());
        return forward ? c : c.reversed();
    }

    /** The cached entries (by stored session key) of the sessions a search matches, read lazily in {@code order}. */
    private CachedWindowedCursor cachedMatches(Bytes keyFrom, Bytes keyTo, long earliestEnd, long latestEnd, long latestStart,
                                               long cutoff, boolean forward, Comparator<byte[]> order) {
        return cachedCursor(earliestEnd, latestEnd, forward, b -> {
            long end = SessionKeySchema.extractEndTimestamp(b);
            return end >= earliestEnd && end <= latestEnd && (cachedOutliveRetention || end > cutoff) && SessionKeySchema.extractStartTimestamp(b) <= latestStart
                    && KeyPrefixBounds.keyInRange(b, b.length - SessionKeySchema.SUFFIX_SIZE, keyFrom, keyTo);
        }, order);
    }

    /** The store's results merged with the cached sessions matching the same search, lazily, in the store's order. */
    private KeyValueIterator<Windowed<Bytes>, byte[]> merged(KeyValueIterator<Windowed<Bytes>, byte[]> stored, Bytes keyFrom, Bytes keyTo,
                                                            long earliestEnd, long latestEnd, long latestStart, boolean forward) {
        long cutoff = retentionCutoff();
        Comparator<byte[]> order = order(forward);
        CachedWindowedCursor cached = cachedMatches(keyFrom, keyTo, earliestEnd, latestEnd, latestStart, cutoff, forward, order);
        return new MergedSortedCacheWindowedIterator(name(), cached, stored, w -> SessionKeySchema.toBinary(w).get(), SessionKeySchema::from,
                order, b -> SessionKeySchema.extractEndTimestamp(b) > cutoff, inner::isOpen);
    }

    private synchronized KeyValueIterator<Windowed<Bytes>, byte[]> search(Bytes keyFrom, Bytes keyTo, long earliestEnd, long latestStart, boolean forward) {
        checkOpen();
        if (BytesRanges.inverted(keyFrom, keyTo)) {
            return new MappedKeyValueIterator<>(new ListIterator<byte[], byte[]>(name(), List.of(), inner::isOpen), SessionKeySchema::from, v -> v);
        }
        KeyValueIterator<Windowed<Bytes>, byte[]> stored = forward
                ? inner.findSessions(keyFrom, keyTo, earliestEnd, latestStart)
                : inner.backwardFindSessions(keyFrom, keyTo, earliestEnd, latestStart);
        return merged(stored, keyFrom, keyTo, earliestEnd, Long.MAX_VALUE, latestStart, forward);
    }

    @Override
    public synchronized KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        checkOpen();
        return merged(inner.findSessions(earliestSessionEndTime, latestSessionEndTime), null, null,
                earliestSessionEndTime, latestSessionEndTime, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        BytesRanges.requireKey(key);
        return search(key, key, earliestSessionEndTime, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        BytesRanges.requireKey(key);
        return search(key, key, earliestSessionEndTime, latestSessionStartTime, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return search(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return search(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return findSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return backwardFindSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return findSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        return backwardFindSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    /** Closes as every caching layer does; the removes still pending are forgotten with the cache. */
    @Override
    public synchronized void close() {
        try {
            super.close();
        } finally {
            pendingRemoves.clear();
        }
    }
}
