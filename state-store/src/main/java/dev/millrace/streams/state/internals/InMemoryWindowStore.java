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

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A window store on the heap, as Kafka Streams' {@code InMemoryWindowStore}: a sorted map from window start to a
 * sorted map of keys (with the 4-byte seqnum appended when duplicates are retained). Results come by window start,
 * then key bytes. A put at or below {@code streamTime - retention} is dropped and counted; expired windows are removed
 * on every operation. Iterators are snapshots, as for the heap key-value stores, so writing while scanning is safe.
 */
public class InMemoryWindowStore implements WindowStore<Bytes, byte[]>, SegmentedChangelogRestorable, StreamTimeAware {
    private static final int SEQNUM_SIZE = 4;

    private final String name;
    private final long retentionPeriod;
    private final long windowSize;
    private final boolean retainDuplicates;
    private final TreeMap<Long, TreeMap<Bytes, byte[]>> segmentMap = new TreeMap<>();
    private final AtomicLong droppedRecords = new AtomicLong();
    private long observedStreamTime = -1;
    private int seqnum;
    private volatile boolean open;

    public InMemoryWindowStore(String name, long retentionPeriod, long windowSize, boolean retainDuplicates) {
        this.name = name;
        this.retentionPeriod = retentionPeriod;
        this.windowSize = windowSize;
        this.retainDuplicates = retainDuplicates;
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
    public synchronized void put(Bytes key, byte[] value, long windowStartTimestamp) {
        checkOpen();
        BytesRanges.requireKey(key);
        if (windowStartTimestamp < 0) throw new IllegalArgumentException("timestamp cannot be negative: " + windowStartTimestamp);
        removeExpiredSegments();
        observedStreamTime = Math.max(observedStreamTime, windowStartTimestamp);
        if (windowStartTimestamp <= observedStreamTime - retentionPeriod) {
            droppedRecords.incrementAndGet();
            return;
        }
        if (value != null) {
            if (retainDuplicates) seqnum = (seqnum + 1) & 0x7FFFFFFF;
            segmentMap.computeIfAbsent(windowStartTimestamp, t -> new TreeMap<>())
                    .put(retainDuplicates ? wrapForDups(key, seqnum) : key, value);
        } else if (!retainDuplicates) {
            TreeMap<Bytes, byte[]> keys = segmentMap.get(windowStartTimestamp);
            if (keys != null) {
                keys.remove(key);
                if (keys.isEmpty()) segmentMap.remove(windowStartTimestamp);
            }
        }
    }

    @Override
    public synchronized byte[] fetch(Bytes key, long time) {
        checkOpen();
        BytesRanges.requireKey(key);
        removeExpiredSegments();
        if (time <= observedStreamTime - retentionPeriod) return null;
        TreeMap<Bytes, byte[]> keys = segmentMap.get(time);
        // as Kafka Streams: with duplicates the lookup is by the latest seqnum
        return keys == null ? null : keys.get(retainDuplicates ? wrapForDups(key, seqnum) : key);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        BytesRanges.requireKey(key);
        return new MappedWindowStoreIterator<>(scan(key, key, timeFrom, timeTo, true), w -> w.window().start(), Function.identity());
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        BytesRanges.requireKey(key);
        return new MappedWindowStoreIterator<>(scan(key, key, timeFrom, timeTo, false), w -> w.window().start(), Function.identity());
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

    /** A snapshot of the matching windows: by start, then stored key bytes (reversed for backward). */
    private synchronized KeyValueIterator<Windowed<Bytes>, byte[]> scan(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo, boolean forward) {
        checkOpen();
        removeExpiredSegments();
        List<KeyValue<Windowed<Bytes>, byte[]>> out = new ArrayList<>();
        long minTime = Math.max(timeFrom, observedStreamTime - retentionPeriod + 1);
        if (BytesRanges.inverted(keyFrom, keyTo) || timeTo < minTime) return snapshot(out);
        NavigableMap<Long, TreeMap<Bytes, byte[]>> times = segmentMap.subMap(minTime, true, timeTo, true);
        for (Map.Entry<Long, TreeMap<Bytes, byte[]>> t : (forward ? times : times.descendingMap()).entrySet()) {
            NavigableMap<Bytes, byte[]> keys = keyRange(t.getValue(), keyFrom, keyTo);
            for (Map.Entry<Bytes, byte[]> e : (forward ? keys : keys.descendingMap()).entrySet()) {
                byte[] stored = e.getKey().get();
                int keyLength = stored.length - (retainDuplicates ? SEQNUM_SIZE : 0);
                if (!KeyPrefixBounds.keyInRange(stored, keyLength, keyFrom, keyTo)) continue;
                Bytes key = retainDuplicates ? Bytes.wrap(Arrays.copyOf(stored, keyLength)) : e.getKey();
                out.add(KeyValue.pair(new Windowed<>(key, WindowKeySchema.timeWindowForSize(t.getKey(), windowSize)), e.getValue()));
            }
        }
        return snapshot(out);
    }

    /** The stored keys that can hold keys in range; with seqnums appended the bounds must allow for every key length. */
    private NavigableMap<Bytes, byte[]> keyRange(TreeMap<Bytes, byte[]> keys, Bytes keyFrom, Bytes keyTo) {
        Bytes lower = keyFrom;
        Bytes upper = keyTo;
        if (retainDuplicates) {
            lower = keyFrom == null ? null : wrapForDups(keyFrom, 0);
            upper = keyTo == null ? null : KeyPrefixBounds.upperBound(keyTo.get(), ByteBuffer.allocate(SEQNUM_SIZE).putInt(Integer.MAX_VALUE).array());
        }
        if (lower != null && upper != null) return keys.subMap(lower, true, upper, true);
        if (lower != null) return keys.tailMap(lower, true);
        if (upper != null) return keys.headMap(upper, true);
        return keys;
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> snapshot(List<KeyValue<Windowed<Bytes>, byte[]>> entries) {
        return new ListIterator<>(name, entries, this::isOpen);
    }

    private void removeExpiredSegments() {
        long minLiveTime = Math.max(0L, observedStreamTime - retentionPeriod + 1);
        segmentMap.headMap(minLiveTime, false).clear();
    }

    private static Bytes wrapForDups(Bytes key, int seqnum) {
        return Bytes.wrap(ByteBuffer.allocate(key.get().length + SEQNUM_SIZE).put(key.get()).putInt(seqnum).array());
    }

    /** Restore puts the logged records back (seqnums are this store's own, as in Kafka Streams). */
    @Override
    public synchronized void restoreChangelog(List<KeyValue<Bytes, byte[]>> records) {
        for (KeyValue<Bytes, byte[]> r : records) {
            byte[] k = r.key.get();
            put(Bytes.wrap(WindowKeySchema.extractStoreKeyBytes(k)), r.value, WindowKeySchema.extractStoreTimestamp(k));
        }
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
        segmentMap.clear();
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
