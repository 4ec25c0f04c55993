package dev.millrace.streams.state.internals;

import org.apache.kafka.common.utils.Bytes;

/**
 * How a segmented store reads its binary keys (Kafka Streams' {@code SegmentedBytesStore.KeySchema}): which timestamp
 * picks the segment, the scan bounds for one key or a key range, and the exact test of an entry against a search.
 * Timestamps are never negative (windows cannot start before the epoch), which the bounds rely on.
 */
public interface SegmentedKeySchema {
    long segmentTimestamp(Bytes binaryKey);

    /** Inclusive scan bounds for one key's entries in a time search {@code [from, to]}. */
    Bytes lowerRangeFixedSize(Bytes key, long from);

    Bytes upperRangeFixedSize(Bytes key, long to);

    /** Inclusive scan bounds for keys in {@code [keyFrom, keyTo]}; null keys give null (open) bounds. */
    Bytes lowerRange(Bytes keyFrom, long from);

    Bytes upperRange(Bytes keyTo, long to);

    /** The last timestamp whose segment can hold a match for a search ending at {@code to}. */
    long searchTimeTo(long to);

    /** Whether the entry matches the search exactly: key in range (null bounds open) and times in range. */
    boolean matches(byte[] binaryKey, Bytes keyFrom, Bytes keyTo, long from, long to);
}
