package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.internals.SessionWindow;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session store on the heap, as Kafka Streams' {@code InMemorySessionStore}: session end, then key bytes, then
 * session start. Kafka Streams' order is kept exactly: forward scans go by end and key ascending but start
 * descending; backward scans reverse all three. A put whose end is at or below {@code streamTime - retention} is
 * dropped and counted. Iterators are snapshots.
 */
public class InMemorySessionStore implements SessionStore<Bytes, byte[]>, SegmentedChangelogRestorable, StreamTimeAware {
    private final String name;
    private final long retentionPeriod;
    private final TreeMap<Long, TreeMap<Bytes, TreeMap<Long, byte[]>>> endTimeMap = new TreeMap<>();
    private final AtomicLong droppedRecords = new AtomicLong();
    private long observedStreamTime = -1;
    private volatile boolean open;

    public InMemorySessionStore(String name, long retentionPeriod) {
        this.name = name;
        this.retentionPeriod = retentionPeriod;
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

    private void checkOpen() {
        if (!open) throw new InvalidStateStoreException("store " + name + " is closed");
    }

    public long droppedRecords() {
        return droppedRecords.get();
    }

    @Override
    public synchronized void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        checkOpen();
        RocksDBSessionStore.requireSessionKey(sessionKey);
        removeExpiredSegments();
        long end = sessionKey.window().end();
        observedStreamTime = Math.max(observedStreamTime, end);
        if (end <= observedStreamTime - retentionPeriod) {
            droppedRecords.incrementAndGet();
            return;
        }
        if (aggregate == null) {
            remove(sessionKey);
            return;
        }
        endTimeMap.computeIfAbsent(end, t -> new TreeMap<>())
                .computeIfAbsent(sessionKey.key(), k -> new TreeMap<>())
                .put(sessionKey.window().start(), aggregate);
    }

    @Override
    public synchronized void remove(Windowed<Bytes> sessionKey) {
        checkOpen();
        RocksDBSessionStore.requireSessionKey(sessionKey);
        long end = sessionKey.window().end();
        TreeMap<Bytes, TreeMap<Long, byte[]>> keys = endTimeMap.get(end);
        if (keys == null) return;
        TreeMap<Long, byte[]> starts = keys.get(sessionKey.key());
        if (starts == null) return;
        starts.remove(sessionKey.window().start());
        if (starts.isEmpty()) {
            keys.remove(sessionKey.key());
            if (keys.isEmpty()) endTimeMap.remove(end);
        }
    }

    @Override
    public synchronized byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        checkOpen();
        BytesRanges.requireKey(key);
        removeExpiredSegments();
        if (sessionEndTime <= observedStreamTime - retentionPeriod) return null;
        TreeMap<Bytes, TreeMap<Long, byte[]>> keys = endTimeMap.get(sessionEndTime);
        TreeMap<Long, byte[]> starts = keys == null ? null : keys.get(key);
        return starts == null ? null : starts.get(sessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        return scan(null, null, earliestSessionEndTime, latestSessionEndTime, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        BytesRanges.requireKey(key);
        return scan(key, key, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        BytesRanges.requireKey(key);
        return scan(key, key, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return scan(keyFrom, keyTo, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return scan(keyFrom, keyTo, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        BytesRanges.requireKey(key);
        return scan(key, key, 0, Long.MAX_VALUE, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        BytesRanges.requireKey(key);
        return scan(key, key, 0, Long.MAX_VALUE, Long.MAX_VALUE, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return scan(keyFrom, keyTo, 0, Long.MAX_VALUE, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        return scan(keyFrom, keyTo, 0, Long.MAX_VALUE, Long.MAX_VALUE, false);
    }

    /** Sessions with key in range, {@code endFrom <= end <= endTo} and {@code start <= latestStart}, snapshotted. */
    private synchronized KeyValueIterator<Windowed<Bytes>, byte[]> scan(Bytes keyFrom, Bytes keyTo, long endFrom, long endTo,
                                                                       long latestStart, boolean forward) {
        checkOpen();
        removeExpiredSegments();
        List<KeyValue<Windowed<Bytes>, byte[]>> out = new ArrayList<>();
        if (BytesRanges.inverted(keyFrom, keyTo) || endFrom > endTo) return new ListIterator<>(name, out, this::isOpen);
        NavigableMap<Long, TreeMap<Bytes, TreeMap<Long, byte[]>>> ends = endTimeMap.subMap(endFrom, true, endTo, true);
        for (Map.Entry<Long, TreeMap<Bytes, TreeMap<Long, byte[]>>> e : (forward ? ends : ends.descendingMap()).entrySet()) {
            NavigableMap<Bytes, TreeMap<Long, byte[]>> keys = e.getValue();
            if (keyFrom != null) keys = keys.tailMap(keyFrom, true);
            if (keyTo != null) keys = keys.headMap(keyTo, true);
            for (Map.Entry<Bytes, TreeMap<Long, byte[]>> k : (forward ? keys : keys.descendingMap()).entrySet()) {
                NavigableMap<Long, byte[]> starts = k.getValue().headMap(latestStart, true);
                for (Map.Entry<Long, byte[]> s : (forward ? starts.descendingMap() : starts).entrySet()) {
                    out.add(KeyValue.pair(new Windowed<>(k.getKey(), new SessionWindow(s.getKey(), e.getKey())), s.getValue()));
                }
            }
        }
        return new ListIterator<>(name, out, this::isOpen);
    }

    private void removeExpiredSegments() {
        endTimeMap.headMap(Math.max(0L, observedStreamTime - retentionPeriod + 1), false).clear();
    }

    /** Restore puts the logged sessions back. */
    @Override
    public synchronized void restoreChangelog(List<KeyValue<Bytes, byte[]>> records) {
        for (KeyValue<Bytes, byte[]> r : records) put(SessionKeySchema.from(r.key.get()), r.value);
    }

    @Override
    public synchronized long observedStreamTime() {
        return observedStreamTime;
    }

    @Override
    public void flush() {
        checkOpen();
    }

    @Override
    public synchronized void close() {
        endTimeMap.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
