package dev.millrace.streams.state.internals;

import java.util.Arrays;

/**
 * A run of restored changelog records held by reference (no copy of the polled arrays) until a RocksDB store writes
 * them as one sorted table file. {@link #latestInKeyOrder()} gives, per distinct key, the position of its last write
 * in changelog order, sorted by unsigned key bytes (RocksDB's default comparator), so the file holds each key once,
 * with the value a replay in order would have left.
 *
 * <p>The sort is a stable LSD radix sort on eight bytes of each key, taken just after the prefix every key of the
 * chunk shares (keys such as {@code "user-000123"} all start alike), then a stable comparison sort of the keys those
 * eight bytes leave tied. A comparison sort over positions spent most of its time on cache misses, which the radix
 * passes over two flat arrays avoid.
 */
final class RestoreChunk {
    /** A record's fixed cost in {@link #bytes()} on top of its key and value: the slots and the arrays' headers. */
    static final int RECORD_OVERHEAD = 48;
    private static final int INSERTION_SORT_MAX = 24;

    private byte[][] keys = new byte[1024][];
    private byte[][] values = new byte[1024][];
    /** Each key's eight bytes after {@link #shared}, computed as it is added, while the key is in cache. */
    private long[] windows = new long[1024];
    /** The length of the prefix all keys added so far share; -1 before the first. */
    private int shared = -1;
    private int size;
    private long bytes;

    /** Adds a write; a null value is a delete. */
    void add(byte[] key, byte[] value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
            windows = Arrays.copyOf(windows, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        int before = shared;
        shared = before < 0 ? key.length : sharedLength(keys[0], key, before);
        if (shared != before && size > 0) {
            // the windows moved: rare after the first few keys, since the shared prefix only ever shrinks
            for (int i = 0; i < size; i++) windows[i] = window(keys[i], shared);
        }
        windows[size] = window(key, shared);
        size++;
        bytes += key.length + (value == null ? 0 : value.length) + RECORD_OVERHEAD;
    }

    int size() {
        return size;
    }

    /** Heap held by the records added, approximately. */
    long bytes() {
        return bytes;
    }

    byte[] key(int i) {
        return keys[i];
    }

    /** The value written at position {@code i}; null for a delete. */
    byte[] value(int i) {
        return values[i];
    }

    /** Forgets every record (drops the references, keeps the capacity). */
    void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        shared = -1;
        size = 0;
        bytes = 0;
    }

    /** Positions of the last write of each distinct key, in ascending unsigned key order. */
    int[] latestInKeyOrder() {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) order[i] = i;
        if (size == 0) return order;
        long[] window = Arrays.copyOf(windows, size);
        radixSort(window, order);
        int[] scratch = null;
        for (int from = 0; from < size; ) {
            int to = from + 1;
            while (to < size && window[to] == window[from]) to++;
            if (to - from > 1) {
                if (scratch == null) scratch = new int[size];
                sortByKey(order, scratch, from, to);
            }
            from = to;
        }
        int kept = 0;
        for (int i = 0; i < size; i++) {
            // equal keys sit together in changelog order (both sorts are stable): keep the last of each run; keys
            // with different windows differ, and comparing those leaves the keys themselves unread
            if (i + 1 < size && window[i] == window[i + 1] && Arrays.equals(keys[order[i]], keys[order[i + 1]])) {
                continue;
            }
            order[kept++] = order[i];
        }
        return kept == size ? order : Arrays.copyOf(order, kept);
    }

    /** How many of the first {@code upTo} bytes of {@code first} {@code key} starts with. */
    private static int sharedLength(byte[] first, byte[] key, int upTo) {
        if (upTo == 0) return 0;
        int m = Arrays.mismatch(first, 0, upTo, key, 0, Math.min(upTo, key.length));
        return m >= 0 ? m : Math.min(upTo, key.length);
    }

    /**
     * Bytes {@code [from, from + 8)} of the key, big-endian and zero-padded, so that unsigned order of windows is the
     * keys' order as far as the window tells it. Equal windows leave the order to the whole keys (a key that ends
     * inside the window and one with trailing zero bytes there have the same window).
     */
    private static long window(byte[] key, int from) {
        long w = 0;
        int n = Math.max(0, Math.min(8, key.length - from));
        for (int i = 0; i < n; i++) w = (w << 8) | (key[from + i] & 0xffL);
        return n < 8 ? w << 8 * (8 - n) : w;
    }

    /** Sorts {@code window} by unsigned value, moving {@code order} along; stable. */
    private static void radixSort(long[] window, int[] order) {
        int n = window.length;
        long[] w2 = new long[n];
        int[] o2 = new int[n];
        int[] counts = new int[256];
        for (int shift = 0; shift < 64; shift += 8) {
            Arrays.fill(counts, 0);
            for (long w : window) counts[(int) (w >>> shift) & 0xff]++;
            if (counts[(int) (window[0] >>> shift) & 0xff] == n) continue; // every key has this byte: nothing to do
            for (int b = 0, sum = 0; b < 256; b++) {
                int c = counts[b];
                counts[b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int slot = counts[(int) (window[i] >>> shift) & 0xff]++;
                w2[slot] = window[i];
                o2[slot] = order[i];
            }
            System.arraycopy(w2, 0, window, 0, n);
            System.arraycopy(o2, 0, order, 0, n);
        }
    }

    /** Sorts {@code a[from, to)} stably by whole key, using {@code tmp} as scratch. */
    private void sortByKey(int[] a, int[] tmp, int from, int to) {
        if (to - from <= INSERTION_SORT_MAX) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && compareKeys(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sortByKey(a, tmp, from, mid);
        sortByKey(a, tmp, mid, to);
        if (compareKeys(a[mid - 1], a[mid]) <= 0) return;
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from, j = mid, k = from;
        while (i < mid && j < to) a[k++] = compareKeys(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
        while (i < mid) a[k++] = tmp[i++];
        while (j < to) a[k++] = tmp[j++];
    }

    private int compareKeys(int x, int y) {
        return Arrays.compareUnsigned(keys[x], keys[y]);
    }
}
