package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The cached side of a window or session scan, read from the store's {@link NamedCache} a batch at a time (so a
 * scan that stops early copies little, and writes between batches are safe) and handed out by stored binary key in
 * the store's order. For RocksDB stores the segmented cache keys already sort in the store's order; the heap stores
 * order a timestamp's entries differently from their bytes, so a batch then holds whole segments (one timestamp each)
 * and is sorted.
 */
final class CachedWindowedCursor {
    static final int BATCH = 64;

    private final NamedCache cache;
    private final Bytes from;
    private final Bytes toExclusive;
    private final boolean forward;
    private final boolean wholeSegments;
    private final Predicate<byte[]> matches;
    private final Comparator<byte[]> order;
    private final ArrayDeque<KeyValue<byte[], byte[]>> pending = new ArrayDeque<>();
    private Bytes lastRead;
    private boolean exhausted;

    /**
     * @param from          the first cache key of the scan's first segment (inclusive)
     * @param toExclusive   the first cache key after its last segment, or null
     * @param wholeSegments whether the store's order differs from the cache keys' inside a segment
     * @param matches       which stored binary keys the search wants (time and key range, retention)
     * @param order         the store's order of stored binary keys in the scan's direction
     */
    CachedWindowedCursor(NamedCache cache, Bytes from, Bytes toExclusive, boolean forward, boolean wholeSegments,
                         Predicate<byte[]> matches, Comparator<byte[]> order) {
        this.cache = cache;
        this.from = from;
        this.toExclusive = toExclusive;
        this.forward = forward;
        this.wholeSegments = wholeSegments;
        this.matches = matches;
        this.order = order;
    }

    /** The next matching cached entry (binary key, value or null for a delete) without taking it; null at the end. */
    KeyValue<byte[], byte[]> peek() {
        while (pending.isEmpty() && !exhausted) readBatch();
        return pending.peekFirst();
    }

    KeyValue<byte[], byte[]> next() {
        KeyValue<byte[], byte[]> kv = peek();
        pending.pollFirst();
        return kv;
    }

    private void readBatch() {
        List<KeyValue<Bytes, byte[]>> batch = cache.batch(from, toExclusive, lastRead, forward, BATCH,
                wholeSegments ? SegmentedCacheKeys.SEGMENT_ID_SIZE : 0);
        if (batch.size() < BATCH) exhausted = true;
        if (batch.isEmpty()) return;
        lastRead = batch.get(batch.size() - 1).key;
        List<KeyValue<byte[], byte[]>> found = new ArrayList<>(batch.size());
        for (KeyValue<Bytes, byte[]> e : batch) {
            byte[] b = SegmentedCacheKeys.binaryKey(e.key);
            if (matches.test(b)) found.add(KeyValue.pair(b, e.value));
        }
        if (wholeSegments) found.sort((x, y) -> order.compare(x.key, y.key));
        pending.addAll(found);
    }
}
