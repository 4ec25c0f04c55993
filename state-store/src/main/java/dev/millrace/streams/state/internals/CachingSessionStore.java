package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A write cache in front of a session store, as {@link CachingWindowStore}: puts and removes coalesce per session and
 * go down on flush, close or when the byte budget is exceeded; reads overlay the buffer on the store's results with
 * the stream time the store would have had, sorted in the store's own order (RocksDB: segment by end, then stored
 * bytes; in memory: end, key, start descending). Optionally buffered sessions are returned even when older than the
 * retention, as Kafka Streams' cache returns what it holds (the DSL asks for that). A buffered remove goes down as a remove and a buffered null put as a
 * put, since the engines treat the two differently for stream time.
 */
public class CachingSessionStore implements SessionStore<Bytes, byte[]> {
    private final SessionStore<Bytes, byte[]> inner;
    private final long retentionPeriod;
    private final long segmentInterval;
    private final boolean bufferedOutliveRetention;
    private final WindowedWriteBuffer buffer = new WindowedWriteBuffer();
    private StreamTimeAware engine;

    public CachingSessionStore(SessionStore<Bytes, byte[]> inner, long retentionPeriod, long segmentInterval) {
        this(inner, retentionPeriod, segmentInterval, false);
    }

    /**
     * @param bufferedOutliveRetention whether searches return buffered sessions older than the retention, as Kafka
     *                                 Streams' record cache does (what the DSL's session aggregation sees there)
     */
    public CachingSessionStore(SessionStore<Bytes, byte[]> inner, long retentionPeriod, long segmentInterval,
                               boolean bufferedOutliveRetention) {
        this.inner = inner;
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
        this.bufferedOutliveRetention = bufferedOutliveRetention;
    }

    public SessionStore<Bytes, byte[]> wrapped() {
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
        StateStore s = inner;
        while (s instanceof ChangeLoggingSessionBytesStore) s = ((ChangeLoggingSessionBytesStore) s).wrapped();
        engine = s instanceof StreamTimeAware ? (StreamTimeAware) s : null;
    }

    private void checkOpen() {
        if (!inner.isOpen()) throw new InvalidStateStoreException("store " + name() + " is closed");
    }

    private long streamTime() {
        return Math.max(engine == null ? -1 : engine.observedStreamTime(), buffer.streamTime());
    }

    private boolean live(long end) {
        return end > streamTime() - retentionPeriod;
    }

    @Override
    public synchronized void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        checkOpen();
        RocksDBSessionStore.requireSessionKey(sessionKey);
        long end = sessionKey.window().end();
        if (buffer.put(SessionKeySchema.toBinary(sessionKey), new WindowedWriteBuffer.Write(aggregate, false, end), true)) writeDown();
    }

    @Override
    public synchronized void remove(Windowed<Bytes> sessionKey) {
        checkOpen();
        RocksDBSessionStore.requireSessionKey(sessionKey);
        long end = sessionKey.window().end();
        // RocksDB moves stream time on a remove, the heap store does not
        if (buffer.put(SessionKeySchema.toBinary(sessionKey), new WindowedWriteBuffer.Write(null, true, end), inner.persistent())) writeDown();
    }

    private void writeDown() {
        for (Map.Entry<Bytes, WindowedWriteBuffer.Write> e : buffer.drain()) {
            Windowed<Bytes> sessionKey = SessionKeySchema.from(e.getKey().get());
            if (e.getValue().removal()) inner.remove(sessionKey);
            else inner.put(sessionKey, e.getValue().value());
        }
    }

    @Override
    public synchronized byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        checkOpen();
        BytesRanges.requireKey(key);
        if (!live(sessionEndTime)) return null;
        WindowedWriteBuffer.Write w = buffer.get(SessionKeySchema.toBinary(key, sessionStartTime, sessionEndTime));
        return w != null ? w.value() : inner.fetchSession(key, sessionStartTime, sessionEndTime);
    }

    private Comparator<byte[]> order(boolean forward) {
        Comparator<byte[]> c = inner.persistent()
                ? Comparator.<byte[]>comparingLong(b -> SessionKeySchema.extractEndTimestamp(b) / segmentInterval).thenComparing(Arrays::compareUnsigned)
                : Comparator.<byte[]>comparingLong(SessionKeySchema::extractEndTimestamp)
                        .thenComparing(SessionKeySchema::extractKeyBytes, Arrays::compareUnsigned)
                        .thenComparing(Comparator.comparingLong(SessionKeySchema::extractStartTimestamp).reversed());
        return forward ? c : c.reversed();
    }

    /** The store's results merged with the buffered writes of sessions matching the search, in the store's order. */
    private synchronized KeyValueIterator<Windowed<Bytes>, byte[]> merged(KeyValueIterator<Windowed<Bytes>, byte[]> stored, Bytes keyFrom, Bytes keyTo,
                                                                         long earliestEnd, long latestEnd, long latestStart, boolean forward) {
        Map<Bytes, byte[]> result = new HashMap<>();
        Set<Bytes> cached = new HashSet<>();
        try (stored) {
            while (stored.hasNext()) {
                KeyValue<Windowed<Bytes>, byte[]> kv = stored.next();
                result.put(SessionKeySchema.toBinary(kv.key), kv.value);
            }
        }
        for (Map.Entry<Bytes, WindowedWriteBuffer.Write> e : buffer.entries()) {
            byte[] b = e.getKey().get();
            long end = SessionKeySchema.extractEndTimestamp(b);
            if (end < earliestEnd || end > latestEnd || SessionKeySchema.extractStartTimestamp(b) > latestStart) continue;
            if (!KeyPrefixBounds.keyInRange(b, b.length - SessionKeySchema.SUFFIX_SIZE, keyFrom, keyTo)) continue;
            if (e.getValue().value() == null) {
                result.remove(e.getKey());
            } else {
                result.put(e.getKey(), e.getValue().value());
                if (bufferedOutliveRetention) cached.add(e.getKey());
            }
        }
        List<KeyValue<byte[], byte[]>> out = new ArrayList<>(result.size());
        for (Map.Entry<Bytes, byte[]> e : result.entrySet()) {
            // Kafka Streams' cache returns what it holds without a retention check: optionally, so do we
            if (cached.contains(e.getKey()) || live(SessionKeySchema.extractEndTimestamp(e.getKey().get()))) {
                out.add(KeyValue.pair(e.getKey().get(), e.getValue()));
            }
        }
        Comparator<byte[]> order = order(forward);
        out.sort((a, b) -> order.compare(a.key, b.key));
        return new MappedKeyValueIterator<>(new ListIterator<>(name(), out, inner::isOpen), SessionKeySchema::from, v -> v);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> search(Bytes keyFrom, Bytes keyTo, long earliestEnd, long latestStart, boolean forward) {
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
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
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
