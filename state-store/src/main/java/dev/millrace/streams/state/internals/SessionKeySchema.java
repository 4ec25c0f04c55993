package dev.millrace.streams.state.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.internals.SessionWindow;
import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;

/**
 * Kafka Streams' binary layout of session store keys, in RocksDB and in the changelog alike:
 * {@code [serialized key][8-byte big-endian end][8-byte big-endian start]}. The end comes first so that one key's
 * sessions that can overlap a search {@code [earliestEnd, latestStart]} lie between {@code key+earliestEnd+0} and
 * {@code key+MAX+latestStart}. Segments are by session end. Range scans filter exactly, as in {@link WindowKeySchema}.
 */
public final class SessionKeySchema implements SegmentedKeySchema {
    static final int TIMESTAMP_SIZE = 8;
    static final int SUFFIX_SIZE = 2 * TIMESTAMP_SIZE;
    static final SessionKeySchema INSTANCE = new SessionKeySchema();

    private SessionKeySchema() {
    }

    public static Bytes toBinary(Bytes key, long start, long end) {
        byte[] k = key.get();
        return Bytes.wrap(ByteBuffer.allocate(k.length + SUFFIX_SIZE).put(k).putLong(end).putLong(start).array());
    }

    public static Bytes toBinary(Windowed<Bytes> sessionKey) {
        return toBinary(sessionKey.key(), sessionKey.window().start(), sessionKey.window().end());
    }

    public static byte[] extractKeyBytes(byte[] binaryKey) {
        byte[] k = new byte[binaryKey.length - SUFFIX_SIZE];
        System.arraycopy(binaryKey, 0, k, 0, k.length);
        return k;
    }

    public static long extractEndTimestamp(byte[] binaryKey) {
        return ByteBuffer.wrap(binaryKey).getLong(binaryKey.length - SUFFIX_SIZE);
    }

    public static long extractStartTimestamp(byte[] binaryKey) {
        return ByteBuffer.wrap(binaryKey).getLong(binaryKey.length - TIMESTAMP_SIZE);
    }

    public static Windowed<Bytes> from(byte[] binaryKey) {
        return new Windowed<>(Bytes.wrap(extractKeyBytes(binaryKey)),
                new SessionWindow(extractStartTimestamp(binaryKey), extractEndTimestamp(binaryKey)));
    }

    @Override
    public long segmentTimestamp(Bytes binaryKey) {
        return extractEndTimestamp(binaryKey.get());
    }

    @Override
    public Bytes lowerRangeFixedSize(Bytes key, long from) {
        return toBinary(key, 0, Math.max(0, from));
    }

    @Override
    public Bytes upperRangeFixedSize(Bytes key, long to) {
        return toBinary(key, to, Long.MAX_VALUE);
    }

    @Override
    public Bytes lowerRange(Bytes keyFrom, long from) {
        return keyFrom == null ? null : Bytes.wrap(ByteBuffer.allocate(keyFrom.get().length + SUFFIX_SIZE).put(keyFrom.get()).array());
    }

    @Override
    public Bytes upperRange(Bytes keyTo, long to) {
        if (keyTo == null) return null;
        // a session ending at Long.MAX_VALUE may start at any time up to `to`; any other end sorts below MAX
        byte[] suffix = ByteBuffer.allocate(SUFFIX_SIZE).putLong(Long.MAX_VALUE).putLong(Math.max(0, to)).array();
        return KeyPrefixBounds.upperBound(keyTo.get(), suffix);
    }

    /** Sessions are segmented by end, and any end at or after the search's earliest end may match. */
    @Override
    public long searchTimeTo(long to) {
        return Long.MAX_VALUE;
    }

    /** {@code from} is the earliest session end, {@code to} the latest session start. */
    @Override
    public boolean matches(byte[] binaryKey, Bytes keyFrom, Bytes keyTo, long from, long to) {
        if (extractEndTimestamp(binaryKey) < from || extractStartTimestamp(binaryKey) > to) return false;
        return KeyPrefixBounds.keyInRange(binaryKey, binaryKey.length - SUFFIX_SIZE, keyFrom, keyTo);
    }
}
