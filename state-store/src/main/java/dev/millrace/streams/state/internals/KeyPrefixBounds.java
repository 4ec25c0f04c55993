package dev.millrace.streams.state.internals;

import org.apache.kafka.common.utils.Bytes;

import java.util.Arrays;

/**
 * Bounds for scans over keys of the form {@code [variable-length key][fixed-size suffix]}, ordered as unsigned bytes.
 * An entry whose key is a proper prefix of {@code keyTo} can sort after {@code keyTo + maxSuffix} (its suffix is
 * compared with the rest of {@code keyTo}), so the inclusive upper bound is the largest of {@code p + maxSuffix} over
 * every prefix {@code p} of {@code keyTo}, {@code keyTo} included. Any entry with key at most {@code keyTo} and
 * suffix at most {@code maxSuffix} sorts at or below it.
 */
final class KeyPrefixBounds {
    private KeyPrefixBounds() {
    }

    static Bytes upperBound(byte[] keyTo, byte[] maxSuffix) {
        byte[] best = null;
        for (int i = 0; i <= keyTo.length; i++) {
            byte[] candidate = new byte[i + maxSuffix.length];
            System.arraycopy(keyTo, 0, candidate, 0, i);
            System.arraycopy(maxSuffix, 0, candidate, i, maxSuffix.length);
            if (best == null || Arrays.compareUnsigned(candidate, best) > 0) best = candidate;
        }
        return Bytes.wrap(best);
    }

    /** Whether {@code binaryKey[0, keyLength)} lies in {@code [keyFrom, keyTo]}; null bounds are open. */
    static boolean keyInRange(byte[] binaryKey, int keyLength, Bytes keyFrom, Bytes keyTo) {
        if (keyFrom != null && Arrays.compareUnsigned(binaryKey, 0, keyLength, keyFrom.get(), 0, keyFrom.get().length) < 0) return false;
        return keyTo == null || Arrays.compareUnsigned(binaryKey, 0, keyLength, keyTo.get(), 0, keyTo.get().length) <= 0;
    }
}
