package dev.millrace.streams.state.internals;

import dev.millrace.streams.kstream.Window;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.internals.TimeWindow;
import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;

/**
 * Kafka Streams' binary layout of window store keys, used in RocksDB and in the changelog alike:
 * {@code [serialized key][8-byte big-endian window start][4-byte big-endian seqnum]}. The seqnum is 0 unless the
 * store retains duplicates, where each put gets the next one (masked to 31 bits) so equal keys and starts coexist.
 *
 * <p>Because keys have variable length, the key bytes of one entry may compare against the timestamp bytes of
 * another; range scans therefore read between bounds that are safe for every key length and filter each entry
 * exactly ({@link #matches}), so no entry in range is ever skipped (Kafka Streams' bounds assume keys of at least
 * one byte and can miss a key that is a prefix of {@code keyTo}).
 */
public final class WindowKeySchema implements SegmentedKeySchema {
    static final int TIMESTAMP_SIZE = 8;
    static final int SEQNUM_SIZE = 4;
    static final int SUFFIX_SIZE = TIMESTAMP_SIZE + SEQNUM_SIZE;
    static final WindowKeySchema INSTANCE = new WindowKeySchema();

    private WindowKeySchema() {
    }

    public static Bytes toStoreKeyBinary(Bytes key, long timestamp, int seqnum) {
        byte[] k = key.get();
        return Bytes.wrap(ByteBuffer.allocate(k.length + SUFFIX_SIZE).put(k).putLong(timestamp).putInt(seqnum).array());
    }

    public static byte[] extractStoreKeyBytes(byte[] binaryKey) {
        byte[] k = new byte[binaryKey.length - SUFFIX_SIZE];
        System.arraycopy(binaryKey, 0, k, 0, k.length);
        return k;
    }

    public static long extractStoreTimestamp(byte[] binaryKey) {
        return ByteBuffer.wrap(binaryKey).getLong(binaryKey.length - SUFFIX_SIZE);
    }

    public static int extractStoreSequence(byte[] binaryKey) {
        return ByteBuffer.wrap(binaryKey).getInt(binaryKey.length - SEQNUM_SIZE);
    }

    /** The window {@code [start, start + size)}, its end capped at Long.MAX_VALUE, as Kafka Streams. */
    public static Window timeWindowForSize(long start, long windowSize) {
        long end = start + windowSize;
        return new TimeWindow(start, end < 0 ? Long.MAX_VALUE : end);
    }

    public static Windowed<Bytes> fromStoreBytesKey(byte[] binaryKey, long windowSize) {
        return new Windowed<>(Bytes.wrap(extractStoreKeyBytes(binaryKey)),
                timeWindowForSize(extractStoreTimestamp(binaryKey), windowSize));
    }

    @Override
    public long segmentTimestamp(Bytes binaryKey) {
        return extractStoreTimestamp(binaryKey.get());
    }

    @Override
    public Bytes lowerRangeFixedSize(Bytes key, long from) {
        return toStoreKeyBinary(key, Math.max(0, from), 0);
    }

    @Override
    public Bytes upperRangeFixedSize(Bytes key, long to) {
        return toStoreKeyBinary(key, to, Integer.MAX_VALUE);
    }

    @Override
    public Bytes lowerRange(Bytes keyFrom, long from) {
        return keyFrom == null ? null : Bytes.wrap(ByteBuffer.allocate(keyFrom.get().length + SUFFIX_SIZE).put(keyFrom.get()).array());
    }

    @Override
    public Bytes upperRange(Bytes keyTo, long to) {
        if (keyTo == null) return null;
        byte[] suffix = ByteBuffer.allocate(SUFFIX_SIZE).putLong(to).putInt(Integer.MAX_VALUE).array();
        return KeyPrefixBounds.upperBound(keyTo.get(), suffix);
    }

    @Override
    public long searchTimeTo(long to) {
        return to;
    }

    @Override
    public boolean matches(byte[] binaryKey, Bytes keyFrom, Bytes keyTo, long from, long to) {
        long time = extractStoreTimestamp(binaryKey);
        if (time < from || time > to) return false;
        return KeyPrefixBounds.keyInRange(binaryKey, binaryKey.length - SUFFIX_SIZE, keyFrom, keyTo);
    }
}
