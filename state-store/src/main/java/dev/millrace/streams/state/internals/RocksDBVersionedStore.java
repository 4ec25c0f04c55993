package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.VersionedBytesStore;
import dev.millrace.streams.state.VersionedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The RocksDB versioned store, after Kafka Streams' design of the same name: the latest version of each key lives in
 * a latest-value store ({@code <name>.latestValues}: 8 timestamp bytes, then the value); older versions live in
 * time segments of one segments store ({@code <name>.segments}), keyed by the 8-byte segment id then the key, one
 * {@link VersionedSegmentRow} per key and segment. A version belongs to the segment of its validTo, so when stream
 * time moves past a segment's end by more than the history retention every version in it has expired, and the segment
 * is dropped with one range delete.
 *
 * <p>Tombstones are versions: a delete of the latest version moves it into a segment with the delete's timestamp as
 * its validTo, and a delete with no version after it is kept in a segment (never in the latest-value store, which
 * does not expire). Writes older than stream time minus the history retention (the grace period) are rejected.
 *
 * <p>Observed stream time is written to the segments store on {@link #flush()} and read back on open, so a restarted
 * store keeps rejecting writes it rejected before (Kafka Streams recomputes it from the restored tail only).
 * Timestamps must not be negative: record timestamps never are.
 */
public class RocksDBVersionedStore implements VersionedBytesStore {
    static final String LATEST_SUFFIX = ".latestValues";
    static final String SEGMENTS_SUFFIX = ".segments";
    /** Sorts after every segment key: segment ids come from non-negative timestamps, so they never start with 0xFF. */
    private static final Bytes STREAM_TIME_KEY = Bytes.wrap(concat(
            new byte[]{-1, -1, -1, -1, -1, -1, -1, -1}, "observedStreamTime".getBytes(StandardCharsets.UTF_8)));
    private static final long NONE = -1L; // "no later version found"

    private final String name;
    private final long historyRetention;
    private final long segmentInterval;
    private final RocksDBStore latest;
    private final RocksDBStore segments;
    /** Segment ids that may hold rows; rebuilt on open. */
    private final TreeSet<Long> segmentIds = new TreeSet<>();
    private long observedStreamTime = -1L;
    /** Writes of the restore batch being applied (a null value: deleted); null outside restore. */
    private Map<Bytes, byte[]> latestBuffer;
    private Map<Bytes, byte[]> segmentBuffer;
    private volatile boolean open;

    public RocksDBVersionedStore(String name, long historyRetentionMs, long segmentIntervalMs) {
        if (historyRetentionMs < 0) throw new IllegalArgumentException("historyRetention cannot be negative");
        if (segmentIntervalMs < 1) throw new IllegalArgumentException("segmentInterval cannot be zero or negative");
        this.name = Objects.requireNonNull(name, "name cannot be null");
        this.historyRetention = historyRetentionMs;
        this.segmentInterval = segmentIntervalMs;
        this.latest = new RocksDBStore(name + LATEST_SUFFIX);
        this.segments = new RocksDBStore(name + SEGMENTS_SUFFIX);
    }

    /** The two database directories of store {@code name}: what a wipe deletes. */
    static File[] dbDirs(StateStoreContext context, String name) {
        return new File[]{RocksDBStore.dbDir(context, name + LATEST_SUFFIX), RocksDBStore.dbDir(context, name + SEGMENTS_SUFFIX)};
    }

    @Override
    public String name() {
        return name;
    }

    public long historyRetentionMs() {
        return historyRetention;
    }

    public long segmentIntervalMs() {
        return segmentInterval;
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        if (open) throw new IllegalStateException("store " + name + " is already open");
        latest.init(context, root);
        try {
            segments.init(context, root);
        } catch (RuntimeException e) {
            latest.close();
            throw e;
        }
        byte[] st = segments.get(STREAM_TIME_KEY);
        observedStreamTime = st == null ? -1L : ByteBuffer.wrap(st).getLong();
        loadSegmentIds();
        open = true;
    }

    /** Finds the segment ids present with one seek per segment. */
    private void loadSegmentIds() {
        segmentIds.clear();
        Bytes from = null;
        while (true) {
            Long id = null;
            try (KeyValueIterator<Bytes, byte[]> it = segments.range(from, null)) {
                if (it.hasNext()) {
                    byte[] k = it.next().key.get();
                    if (k.length >= 8 && k[0] != -1) id = ByteBuffer.wrap(k).getLong();
                }
            }
            if (id == null) return;
            segmentIds.add(id);
            from = segmentPrefix(id + 1);
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private void checkOpen() {
        if (!open) throw new InvalidStateStoreException("store " + name + " is closed");
    }

    /** Largest timestamp put so far (-1 before any). */
    public synchronized long observedStreamTime() {
        return observedStreamTime;
    }

    /** Segment ids holding rows now; for tests. */
    public synchronized TreeSet<Long> segmentIds() {
        return new TreeSet<>(segmentIds);
    }

    private static void checkTimestamp(long timestamp) {
        if (timestamp < 0) throw new IllegalArgumentException("timestamp cannot be negative: " + timestamp);
    }

    private boolean beyondGrace(long timestamp) {
        return timestamp < observedStreamTime - historyRetention;
    }

    @Override
    public synchronized long put(Bytes key, byte[] value, long timestamp) {
        Objects.requireNonNull(key, "key cannot be null");
        checkOpen();
        checkTimestamp(timestamp);
        if (beyondGrace(timestamp)) return PUT_RETURN_CODE_NOT_PUT;
        observedStreamTime = Math.max(observedStreamTime, timestamp);
        return doPut(key, value, timestamp);
    }

    @Override
    public synchronized VersionedRecord<byte[]> delete(Bytes key, long timestamp) {
        Objects.requireNonNull(key, "key cannot be null");
        checkOpen();
        checkTimestamp(timestamp);
        if (beyondGrace(timestamp)) return null;
        VersionedRecord<byte[]> existing = get(key, timestamp);
        observedStreamTime = Math.max(observedStreamTime, timestamp);
        doPut(key, null, timestamp);
        return existing;
    }

    @Override
    public synchronized VersionedRecord<byte[]> get(Bytes key) {
        Objects.requireNonNull(key, "key cannot be null");
        checkOpen();
        byte[] raw = latest.get(key);
        return raw == null ? null : new VersionedRecord<>(latestValue(raw), latestTimestamp(raw));
    }

    @Override
    public synchronized VersionedRecord<byte[]> get(Bytes key, long asOfTimestamp) {
        Objects.requireNonNull(key, "key cannot be null");
        checkOpen();
        byte[] raw = latest.get(key);
        if (raw != null && latestTimestamp(raw) <= asOfTimestamp) {
            return new VersionedRecord<>(latestValue(raw), latestTimestamp(raw)); // the latest never expires
        }
        // beyond the history retention only the latest counts, even if a segment still holds older data
        if (asOfTimestamp < observedStreamTime - historyRetention) return null;
        for (long id : segmentIds.tailSet(segmentId(asOfTimestamp), true).descendingSet()) {
            VersionedSegmentRow row = row(id, key);
            if (row == null) continue;
            if (row.next() <= asOfTimestamp) return null; // a tombstone covers asOf; older segments end earlier
            if (row.min() > asOfTimestamp) continue;
            VersionedSegmentRow.Found f = row.find(asOfTimestamp);
            return f.value() == null ? null : new VersionedRecord<>(f.value(), f.from(), f.to());
        }
        return null;
    }

    /**
     * Writes a version whose grace check is done, returning its validTo (or -1 if it is the latest). Three places
     * may take it, tried in order: the latest-value store (it is newer than the latest version), the segment row that
     * holds the version valid at its timestamp, or, if it falls in no row, the segment of its validTo.
     */
    private long doPut(Bytes key, byte[] value, long timestamp) {
        dropExpiredSegments();
        long validTo = NONE;
        byte[] raw = readLatest(key);
        if (raw != null) {
            long latestTs = latestTimestamp(raw);
            if (timestamp >= latestTs) {
                if (timestamp > latestTs) {
                    // the current latest becomes history, valid until this version; moved first, so a failure
                    // between the two writes duplicates it rather than losing it
                    long id = segmentId(timestamp);
                    if (live(id)) {
                        VersionedSegmentRow row = row(id, key);
                        if (row == null) row = VersionedSegmentRow.of(latestValue(raw), latestTs, timestamp);
                        else row.appendNewest(latestTs, timestamp, latestValue(raw));
                        writeRow(id, key, row);
                    }
                }
                writeLatest(key, value == null ? null : latestFormat(value, timestamp));
                return PUT_RETURN_CODE_VALID_TO_UNDEFINED;
            }
            validTo = latestTs;
        }
        for (long id : segmentIds.tailSet(segmentId(timestamp), true).descendingSet()) {
            VersionedSegmentRow row = row(id, key);
            if (row == null) continue;
            if (row.next() <= timestamp) break; // this row and all older ones end before the new version
            if (row.min() <= timestamp) return putIntoRow(id, row, key, value, timestamp);
            if (row.min() < observedStreamTime - historyRetention) return PUT_RETURN_CODE_NOT_PUT;
            validTo = row.min();
        }
        return putOutsideRows(key, value, timestamp, validTo);
    }

    /** The version valid at {@code timestamp} is in this row: replace it (same timestamp) or split it. */
    private long putIntoRow(long id, VersionedSegmentRow row, Bytes key, byte[] value, long timestamp) {
        VersionedSegmentRow.Found f = row.find(timestamp);
        if (f.from() == timestamp) {
            row.replace(f.index(), timestamp, value);
            writeRow(id, key, row);
            return f.to();
        }
        long olderId = segmentId(timestamp);
        if (olderId != id) {
            // the split version now ends at `timestamp`, in an older segment; it is this row's oldest version, as
            // every version in a row ends inside the row's segment
            if (live(olderId)) {
                VersionedSegmentRow older = row(olderId, key);
                if (older == null) older = VersionedSegmentRow.of(f.value(), f.from(), timestamp);
                else older.appendNewest(f.from(), timestamp, f.value());
                writeRow(olderId, key, older);
            }
            row.replace(f.index(), timestamp, value);
        } else {
            row.insertNewerThan(f.index(), timestamp, value);
        }
        writeRow(id, key, row);
        return f.to();
    }

    /** No row holds the timestamp: the version is the latest (validTo NONE) or goes to its validTo's segment. */
    private long putOutsideRows(Bytes key, byte[] value, long timestamp, long validTo) {
        if (validTo == NONE) {
            if (value != null) {
                writeLatest(key, latestFormat(value, timestamp));
                return PUT_RETURN_CODE_VALID_TO_UNDEFINED;
            }
            // a tombstone with nothing after it: kept in its own segment, never in the latest-value store
            long id = segmentId(timestamp);
            if (!live(id)) return PUT_RETURN_CODE_NOT_PUT;
            VersionedSegmentRow row = row(id, key);
            if (row == null) {
                writeRow(id, key, VersionedSegmentRow.of(null, timestamp, timestamp));
            } else if (row.next() != timestamp) { // equal: the row already ends with a delete at this time
                row.appendNewest(row.next(), timestamp, null);
                writeRow(id, key, row);
            }
            return PUT_RETURN_CODE_VALID_TO_UNDEFINED;
        }
        long id = segmentId(validTo);
        if (!live(id)) return PUT_RETURN_CODE_NOT_PUT;
        VersionedSegmentRow row = row(id, key);
        if (row == null) row = VersionedSegmentRow.of(value, timestamp, validTo);
        else if (row.next() <= timestamp) row.appendNewest(timestamp, validTo, value);
        else row.prependOldest(timestamp, value);
        writeRow(id, key, row);
        return validTo;
    }

    /**
     * Applies changelog records in order, as puts with the record timestamp; records beyond the grace period at
     * their turn were rejected when first written and are skipped again.
     */
    public synchronized void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records) {
        checkOpen();
        // the batch's writes collect in memory (later records read earlier ones there) and go down as one
        // WriteBatch per store, as Kafka Streams' restore write buffer does
        latestBuffer = new HashMap<>();
        segmentBuffer = new HashMap<>();
        try {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.timestamp() < 0 || beyondGrace(r.timestamp())) continue;
                observedStreamTime = Math.max(observedStreamTime, r.timestamp());
                doPut(Bytes.wrap(r.key()), r.value(), r.timestamp());
            }
            // segments first: a failure between the two writes then duplicates a version instead of losing it
            segments.putAll(toList(segmentBuffer));
            latest.putAll(toList(latestBuffer));
        } finally {
            latestBuffer = null;
            segmentBuffer = null;
        }
    }

    private static List<KeyValue<Bytes, byte[]>> toList(Map<Bytes, byte[]> buffer) {
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>(buffer.size());
        for (Map.Entry<Bytes, byte[]> e : buffer.entrySet()) out.add(KeyValue.pair(e.getKey(), e.getValue()));
        return out;
    }

    long segmentId(long timestamp) {
        return Math.floorDiv(timestamp, segmentInterval);
    }

    private long minLiveSegment() {
        return segmentId(Math.max(0L, observedStreamTime - historyRetention));
    }

    private boolean live(long id) {
        return id >= minLiveSegment();
    }

    private void dropExpiredSegments() {
        long minLive = minLiveSegment();
        if (segmentIds.isEmpty() || segmentIds.first() >= minLive) return;
        segments.deleteRange(segmentPrefix(segmentIds.first()), segmentPrefix(minLive));
        segmentIds.headSet(minLive).clear();
        if (segmentBuffer != null) segmentBuffer.keySet().removeIf(k -> ByteBuffer.wrap(k.get()).getLong() < minLive);
    }

    private VersionedSegmentRow row(long id, Bytes key) {
        Bytes k = segmentKey(id, key);
        byte[] raw = segmentBuffer != null && segmentBuffer.containsKey(k) ? segmentBuffer.get(k) : segments.get(k);
        return raw == null ? null : VersionedSegmentRow.decode(raw);
    }

    private void writeRow(long id, Bytes key, VersionedSegmentRow row) {
        Bytes k = segmentKey(id, key);
        if (segmentBuffer != null) segmentBuffer.put(k, row.encode());
        else segments.put(k, row.encode());
        segmentIds.add(id);
    }

    private byte[] readLatest(Bytes key) {
        return latestBuffer != null && latestBuffer.containsKey(key) ? latestBuffer.get(key) : latest.get(key);
    }

    /** A null value deletes. */
    private void writeLatest(Bytes key, byte[] raw) {
        if (latestBuffer != null) latestBuffer.put(key, raw);
        else if (raw == null) latest.delete(key);
        else latest.put(key, raw);
    }

    private static Bytes segmentPrefix(long id) {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(id).array());
    }

    private static Bytes segmentKey(long id, Bytes key) {
        byte[] k = key.get();
        return Bytes.wrap(ByteBuffer.allocate(8 + k.length).putLong(id).put(k).array());
    }

    private static byte[] latestFormat(byte[] value, long timestamp) {
        return ByteBuffer.allocate(8 + value.length).putLong(timestamp).put(value).array();
    }

    private static long latestTimestamp(byte[] raw) {
        return ByteBuffer.wrap(raw).getLong();
    }

    private static byte[] latestValue(byte[] raw) {
        return Arrays.copyOfRange(raw, 8, raw.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Writes stream time, then makes both stores durable. */
    @Override
    public synchronized void flush() {
        checkOpen();
        segments.put(STREAM_TIME_KEY, ByteBuffer.allocate(8).putLong(observedStreamTime).array());
        latest.flush();
        segments.flush();
    }

    @Override
    public synchronized void close() {
        if (!open) return;
        open = false;
        try {
            latest.close();
        } finally {
            segments.close();
        }
    }

    /** Turns RocksDB's restore mode on or off in both stores. */
    synchronized void toggleDbForBulkLoading(boolean bulkLoading) {
        latest.toggleDbForBulkLoading(bulkLoading);
        segments.toggleDbForBulkLoading(bulkLoading);
    }
}
