package dev.millrace.streams.state.internals;

import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;

/**
 * How window and session stores key their entries in the {@link ThreadCache}, after Kafka Streams' segmented cache
 * keys: {@code [8-byte big-endian segment id][stored binary key]}, the segment id being the entry's segment timestamp
 * (window start, session end) divided by the store's segment interval (1 for the heap stores). The cache then holds a
 * store's entries segment by segment, so a time-bounded scan reads only the cached segments it can match.
 */
final class SegmentedCacheKeys {
    static final int SEGMENT_ID_SIZE = 8;

    private final long segmentInterval;

    SegmentedCacheKeys(long segmentInterval) {
        if (segmentInterval < 1) throw new IllegalArgumentException("segment interval must be positive: " + segmentInterval);
        this.segmentInterval = segmentInterval;
    }

    long segmentId(long timestamp) {
        return timestamp / segmentInterval;
    }

    /** The cache key of a stored binary key whose segment timestamp is {@code timestamp} (never negative). */
    Bytes cacheKey(Bytes binaryKey, long timestamp) {
        byte[] key = binaryKey.get();
        return Bytes.wrap(ByteBuffer.allocate(SEGMENT_ID_SIZE + key.length).putLong(segmentId(timestamp)).put(key).array());
    }

    /** The stored binary key inside a cache key. */
    static byte[] binaryKey(Bytes cacheKey) {
        byte[] c = cacheKey.get();
        byte[] out = new byte[c.length - SEGMENT_ID_SIZE];
        System.arraycopy(c, SEGMENT_ID_SIZE, out, 0, out.length);
        return out;
    }

    /** The first cache key of the segment holding {@code timestamp} (negative: the first segment). */
    Bytes lowerBound(long timestamp) {
        return segmentPrefix(segmentId(Math.max(0, timestamp)));
    }

    /** The first cache key after the segment holding {@code timestamp}, or null when no segment follows. */
    Bytes upperBoundExclusive(long timestamp) {
        long id = segmentId(Math.max(0, timestamp));
        return id == Long.MAX_VALUE ? null : segmentPrefix(id + 1);
    }

    private static Bytes segmentPrefix(long segmentId) {
        return Bytes.wrap(ByteBuffer.allocate(SEGMENT_ID_SIZE).putLong(segmentId).array());
    }
}
