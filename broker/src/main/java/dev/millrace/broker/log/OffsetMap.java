package dev.millrace.broker.log;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The cleaner's key to latest-offset map, in bounded memory: keys are stored as their 128-bit MD5 (as
 * Kafka's cleaner does), so the map's size depends on the number of distinct keys, never on their length.
 * Two keys colliding in 128 bits is negligible; a collision would only make the older key's records look
 * superseded. Open addressing with double hashing over three parallel arrays (24 bytes a slot); the
 * capacity is a power of two and the probe step odd, so a probe visits every slot.
 *
 * <p>One cleaner thread uses it; not thread-safe.
 */
final class OffsetMap {
    static final int BYTES_PER_SLOT = 24;
    private static final long EMPTY = -1L;

    private final int maxSlots;
    private final double loadFactor;
    private final MessageDigest md5;
    private final byte[] digest = new byte[16];

    private long[] hashHi = new long[0];
    private long[] hashLo = new long[0];
    private long[] offsets = new long[0];
    private int mask;
    private int size;
    private int maxEntries;
    private long hi;
    private long lo;

    /**
     * @param memoryBytes the most memory the slots may take (log.cleaner.dedupe.buffer.size)
     * @param loadFactor the share of slots that may be filled before the map counts as full
     */
    OffsetMap(long memoryBytes, double loadFactor) {
        long slots = Math.max(16, memoryBytes / BYTES_PER_SLOT);
        this.maxSlots = Integer.highestOneBit((int) Math.min(slots, 1 << 30));
        this.loadFactor = loadFactor;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }

    /**
     * Empties the map and sizes it for about {@code expectedEntries} keys (bounded by the memory budget),
     * reusing the arrays when they are large enough.
     */
    void reset(long expectedEntries) {
        long wanted = (long) Math.ceil(Math.max(expectedEntries, 8) / loadFactor);
        int slots = (int) Math.min(maxSlots, Long.highestOneBit(wanted - 1) << 1);
        if (offsets.length < slots) {
            hashHi = new long[slots];
            hashLo = new long[slots];
            offsets = new long[slots];
        }
        mask = slots - 1;
        Arrays.fill(offsets, 0, slots, EMPTY);
        size = 0;
        maxEntries = Math.max(1, (int) (slots * loadFactor));
    }

    int size() {
        return size;
    }

    /** The number of distinct keys the map takes before it is full. */
    int maxEntries() {
        return maxEntries;
    }

    int slots() {
        return mask + 1;
    }

    /** Whether {@code more} new keys could still be added. */
    boolean hasRoomFor(int more) {
        return size + (long) more <= maxEntries;
    }

    /** Records {@code offset} as the latest for the key in {@code key[off, off+len)}. */
    void put(byte[] key, int off, int len, long offset) {
        hash(key, off, len);
        int slot = (int) hi & mask;
        int step = ((int) lo & mask) | 1;
        while (true) {
            long o = offsets[slot];
            if (o == EMPTY) {
                if (size >= maxEntries) {
                    throw new IllegalStateException("Offset map is full (" + size + " keys)");
                }
                hashHi[slot] = hi;
                hashLo[slot] = lo;
                offsets[slot] = offset;
                size++;
                return;
            }
            if (hashHi[slot] == hi && hashLo[slot] == lo) {
                offsets[slot] = offset;
                return;
            }
            slot = (slot + step) & mask;
        }
    }

    /** The latest offset recorded for the key, or -1 when the key is not in the map. */
    long get(byte[] key, int off, int len) {
        if (size == 0) {
            return EMPTY;
        }
        hash(key, off, len);
        int slot = (int) hi & mask;
        int step = ((int) lo & mask) | 1;
        while (true) {
            long o = offsets[slot];
            if (o == EMPTY || (hashHi[slot] == hi && hashLo[slot] == lo)) {
                return o;
            }
            slot = (slot + step) & mask;
        }
    }

    private void hash(byte[] key, int off, int len) {
        md5.update(key, off, len);
        try {
            md5.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        hi = bytesToLong(digest, 0);
        lo = bytesToLong(digest, 8);
    }

    private static long bytesToLong(byte[] b, int i) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = (v << 8) | (b[i + k] & 0xff);
        }
        return v;
    }
}
