package dev.millrace.streams.state.internals;

import org.apache.kafka.common.utils.Bytes;

import java.util.Arrays;
import java.util.Objects;

/** Key checks and bounds shared by the bytes stores. Order is {@link Bytes#compareTo}: unsigned lexicographic. */
final class BytesRanges {
    private BytesRanges() {
    }

    static Bytes requireKey(Bytes key) {
        return Objects.requireNonNull(key, "key cannot be null");
    }

    /** Kafka Streams answers an inverted range with an empty iterator rather than an error; so do we. */
    static boolean inverted(Bytes from, Bytes to) {
        return from != null && to != null && from.compareTo(to) > 0;
    }

    /**
     * The smallest key greater than every key starting with {@code prefix} (exclusive upper bound of a prefix scan),
     * or null when there is none: the prefix is empty or all 0xFF bytes, so the scan runs to the end.
     */
    static Bytes prefixEnd(byte[] prefix) {
        int i = prefix.length - 1;
        while (i >= 0 && prefix[i] == (byte) 0xFF) i--;
        if (i < 0) return null;
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return Bytes.wrap(end);
    }
}
