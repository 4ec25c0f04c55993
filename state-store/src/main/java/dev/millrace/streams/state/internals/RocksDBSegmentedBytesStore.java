package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import org.apache.kafka.common.utils.Bytes;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Binary keys in time segments, one RocksDB database each (Kafka Streams' {@code AbstractRocksDBSegmentedBytesStore});
 * the window and session stores are thin layers over it that build the keys ({@link SegmentedKeySchema}).
 *
 * <p>Stream time is the largest segment timestamp put, removed or restored since open (not kept across restarts, as
 * in Kafka Streams). A put into a segment older than {@code streamTime - retention}'s is dropped and counted
 * ({@link #droppedRecords()}); reads never return entries with a timestamp at or below {@code streamTime - retention},
 * even while their segment is still on disk. Reads and writes are synchronized: one task thread writes, interactive
 * queries may read.
 */
public class RocksDBSegmentedBytesStore implements StateStore {
    private final String name;
    private final long retentionPeriod;
    private final SegmentedKeySchema schema;
    private final KeyValueSegments segments;
    private final AtomicLong droppedRecords = new AtomicLong();
    private long observedStreamTime = -1;
    private volatile boolean open;

    RocksDBSegmentedBytesStore(String name, long retentionPeriod, long segmentInterval, SegmentedKeySchema schema) {
        this.name = name;
        this.retentionPeriod = retentionPeriod;
        this.schema = schema;
        this.segments = new KeyValueSegments(name, retentionPeriod, segmentInterval);
    }

    @Override
    public String name() {
        return name;
    }

    /** The directory holding this store's segment databases. */
    public static File storeDir(StateStoreContext context, String name) {
        return KeyValueSegments.storeDir(context, name);
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        if (open) throw new IllegalStateException("store " + name + " is already open");
        try {
            segments.openExisting(context, observedStreamTime);
        } catch (RuntimeException e) {
            segments.close();
            throw e;
        }
        open = true;
    }

    private void checkOpen() {
        if (!open) throw new InvalidStateStoreException("store " + name + " is closed");
    }

    /** Writes dropped because their segment had expired. */
    public long droppedRecords() {
        return droppedRecords.get();
    }

    /** The largest timestamp seen, or -1. */
    public synchronized long observedStreamTime() {
        return observedStreamTime;
    }

    /** Ids of the open segments, oldest first; tests check that expiry drops whole segments. */
    public synchronized List<Long> segmentIds() {
        List<Long> ids = new ArrayList<>();
        for (KeyValueSegment s : segments.allSegments(true)) ids.add(s.id());
        return ids;
    }

    synchronized List<KeyValueSegment> openSegments() {
        return segments.allSegments(true);
    }

    /** Puts (or, with a null value, deletes) a binary key; dropped if its segment is expired. */
    public synchronized void put(Bytes binaryKey, byte[] value) {
        checkOpen();
        long timestamp = schema.segmentTimestamp(binaryKey);
        requireNonNegative(timestamp);
        observedStreamTime = Math.max(observedStreamTime, timestamp);
        KeyValueSegment segment = segments.getOrCreateSegmentIfLive(segments.segmentId(timestamp), observedStreamTime);
        if (segment == null) droppedRecords.incrementAndGet();
        else segment.put(binaryKey, value);
    }

    /** Deletes a binary key; like a put, it moves stream time. */
    public synchronized void remove(Bytes binaryKey) {
        checkOpen();
        long timestamp = schema.segmentTimestamp(binaryKey);
        requireNonNegative(timestamp);
        observedStreamTime = Math.max(observedStreamTime, timestamp);
        KeyValueSegment segment = segments.segmentForTimestamp(timestamp);
        if (segment != null) segment.delete(binaryKey);
    }

    private static void requireNonNegative(long timestamp) {
        if (timestamp < 0) throw new IllegalArgumentException("timestamp cannot be negative: " + timestamp);
    }

    public synchronized byte[] get(Bytes binaryKey) {
        checkOpen();
        long timestamp = schema.segmentTimestamp(binaryKey);
        if (timestamp < observedStreamTime - retentionPeriod + 1) return null;
        KeyValueSegment segment = segments.segmentForTimestamp(timestamp);
        return segment == null ? null : segment.get(binaryKey);
    }

    private long actualFrom(long from) {
        return Math.max(from, observedStreamTime - retentionPeriod + 1);
    }

    /** One key's entries in a time search; see {@link SegmentedKeySchema#matches} for what {@code from}/{@code to} mean. */
    public synchronized KeyValueIterator<Bytes, byte[]> fetch(Bytes key, long from, long to, boolean forward) {
        checkOpen();
        BytesRanges.requireKey(key);
        long actualFrom = actualFrom(from);
        if (schema instanceof WindowKeySchema && to < actualFrom) return empty();
        return iterator(segments.segments(actualFrom, schema.searchTimeTo(to), forward),
                schema.lowerRangeFixedSize(key, actualFrom), schema.upperRangeFixedSize(key, to), forward,
                key, key, actualFrom, to);
    }

    /** Entries of keys in {@code [keyFrom, keyTo]} (null bounds open) in a time search. */
    public synchronized KeyValueIterator<Bytes, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long from, long to, boolean forward) {
        checkOpen();
        if (BytesRanges.inverted(keyFrom, keyTo)) return empty();
        long actualFrom = actualFrom(from);
        if (schema instanceof WindowKeySchema && to < actualFrom) return empty();
        return iterator(segments.segments(actualFrom, schema.searchTimeTo(to), forward),
                schema.lowerRange(keyFrom, actualFrom), schema.upperRange(keyTo, to), forward,
                keyFrom, keyTo, actualFrom, to);
    }

    /** Every live entry. */
    public synchronized KeyValueIterator<Bytes, byte[]> all(boolean forward) {
        checkOpen();
        long actualFrom = actualFrom(0);
        return iterator(segments.segments(actualFrom, Long.MAX_VALUE, forward), null, null, forward,
                null, null, actualFrom, Long.MAX_VALUE);
    }

    /** Entries whose segment timestamp (window start, session end) is in {@code [from, to]}, any key. */
    public synchronized KeyValueIterator<Bytes, byte[]> fetchAll(long from, long to, boolean forward) {
        checkOpen();
        long actualFrom = actualFrom(from);
        if (to < actualFrom) return empty();
        return new SegmentIterator(name, segments.segments(actualFrom, to, forward), null, null, forward,
                k -> {
                    long t = schema.segmentTimestamp(Bytes.wrap(k));
                    return t >= actualFrom && t <= to;
                }, this::isOpen, () -> { });
    }

    private KeyValueIterator<Bytes, byte[]> iterator(List<KeyValueSegment> search, Bytes lower, Bytes upper, boolean forward,
                                                     Bytes keyFrom, Bytes keyTo, long from, long to) {
        return new SegmentIterator(name, search, lower, upper, forward,
                k -> schema.matches(k, keyFrom, keyTo, from, to), this::isOpen, () -> { });
    }

    private KeyValueIterator<Bytes, byte[]> empty() {
        return new SnapshotIterator(name, List.of(), this::isOpen, () -> { });
    }

    /**
     * Writes changelog records as they were logged (binary keys): stream time first moves to the batch's largest
     * timestamp, then each live segment gets its records in one write batch; records of expired segments are skipped.
     */
    public synchronized void restoreAll(List<KeyValue<Bytes, byte[]>> records) {
        checkOpen();
        for (KeyValue<Bytes, byte[]> r : records) {
            observedStreamTime = Math.max(observedStreamTime, schema.segmentTimestamp(r.key));
        }
        Map<KeyValueSegment, List<KeyValue<Bytes, byte[]>>> batches = new LinkedHashMap<>();
        for (KeyValue<Bytes, byte[]> r : records) {
            KeyValueSegment segment = segments.getOrCreateSegmentIfLive(
                    segments.segmentId(schema.segmentTimestamp(r.key)), observedStreamTime);
            if (segment != null) batches.computeIfAbsent(segment, s -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<KeyValueSegment, List<KeyValue<Bytes, byte[]>>> e : batches.entrySet()) {
            if (e.getKey().isOpen()) e.getKey().putAll(e.getValue());
        }
    }

    /**
     * Restore mode for every segment, those opened during the restore included: see
     * {@link RocksDBStore#toggleDbForBulkLoading}. Turning it off compacts each segment once.
     */
    public synchronized void toggleBulkLoading(boolean on) {
        checkOpen();
        segments.setBulkLoading(on);
    }

    @Override
    public synchronized void flush() {
        checkOpen();
        segments.flush();
    }

    @Override
    public synchronized void close() {
        if (!open) return;
        open = false;
        segments.close();
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
