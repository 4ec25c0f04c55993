package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.WindowStore;
import dev.millrace.streams.state.WindowStoreIterator;
import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reference for window stores: a sorted map keyed by the stored bytes ({@code [key][start][seqnum]}), with Kafka
 * Streams' rules of stream time, retention and seqnums written out plainly, and the order each engine returns
 * results in (RocksDB: segment, then stored bytes; in-memory: start, then key bytes with the seqnum). {@link #run}
 * drives a store and the model with the same random operations and compares every read.
 */
final class WindowStoreModel {
    private static final byte[] ALPHABET = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};
    private static final HexFormat HEX = HexFormat.of();

    /** How the store under test behaves: engine, retention, window size, segment interval (RocksDB), duplicates. */
    record Spec(boolean rocks, long retention, long windowSize, long segmentInterval, boolean dups) {
    }

    private final Spec spec;
    private final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
    private long streamTime = -1;
    private int seqnum;

    WindowStoreModel(Spec spec) {
        this.spec = spec;
    }

    static byte[] binary(byte[] key, long ts, int seq) {
        return ByteBuffer.allocate(key.length + 12).put(key).putLong(ts).putInt(seq).array();
    }

    static byte[] keyOf(byte[] binary) {
        return Arrays.copyOf(binary, binary.length - 12);
    }

    static long tsOf(byte[] binary) {
        return ByteBuffer.wrap(binary).getLong(binary.length - 12);
    }

    void put(byte[] key, byte[] value, long ts) {
        if (spec.rocks) {
            if (spec.dups && value == null) return;
            if (spec.dups) seqnum = (seqnum + 1) & 0x7FFFFFFF;
            streamTime = Math.max(streamTime, ts);
            if (ts <= streamTime - spec.retention) return; // dropped, or written where no read will ever see it
        } else {
            streamTime = Math.max(streamTime, ts);
            if (ts <= streamTime - spec.retention) return;
            if (value != null && spec.dups) seqnum = (seqnum + 1) & 0x7FFFFFFF;
            if (value == null && spec.dups) return;
        }
        byte[] b = binary(key, ts, spec.dups ? seqnum : 0);
        if (value == null) entries.remove(b);
        else entries.put(b, value);
    }

    private boolean live(long ts) {
        return ts > streamTime - spec.retention;
    }

    byte[] fetch(byte[] key, long time) {
        if (!live(time)) return null;
        return entries.get(binary(key, time, spec.dups ? seqnum : 0));
    }

    private Comparator<byte[]> order() {
        if (spec.rocks) {
            return Comparator.<byte[]>comparingLong(b -> tsOf(b) / spec.segmentInterval).thenComparing(Arrays::compareUnsigned);
        }
        // in memory: by start, then the stored key (key bytes, plus the seqnum when duplicates are kept)
        return Comparator.<byte[]>comparingLong(WindowStoreModel::tsOf).thenComparing(
                b -> spec.dups ? withoutTimestamp(b) : keyOf(b), Arrays::compareUnsigned);
    }

    private static byte[] withoutTimestamp(byte[] b) {
        byte[] k = keyOf(b);
        return ByteBuffer.allocate(k.length + 4).put(k).putInt(ByteBuffer.wrap(b).getInt(b.length - 4)).array();
    }

    /** Entries with key in range (null: open), start in [from, to], live, in the engine's order. */
    List<byte[]> select(byte[] keyFrom, byte[] keyTo, long from, long to, boolean forward) {
        List<byte[]> out = new ArrayList<>();
        if (keyFrom != null && keyTo != null && Arrays.compareUnsigned(keyFrom, keyTo) > 0) return out;
        for (byte[] b : entries.keySet()) {
            byte[] k = keyOf(b);
            long ts = tsOf(b);
            if (keyFrom != null && Arrays.compareUnsigned(k, keyFrom) < 0) continue;
            if (keyTo != null && Arrays.compareUnsigned(k, keyTo) > 0) continue;
            if (ts < from || ts > to || !live(ts)) continue;
            out.add(b);
        }
        out.sort(forward ? order() : order().reversed());
        return out;
    }

    String renderWindowed(List<byte[]> selected) {
        StringBuilder sb = new StringBuilder();
        for (byte[] b : selected) {
            sb.append(HEX.formatHex(keyOf(b))).append('@').append(tsOf(b)).append('/').append(tsOf(b) + spec.windowSize)
                    .append('=').append(HEX.formatHex(entries.get(b))).append(' ');
        }
        return sb.toString();
    }

    String renderTimes(List<byte[]> selected) {
        StringBuilder sb = new StringBuilder();
        for (byte[] b : selected) sb.append(tsOf(b)).append('=').append(HEX.formatHex(entries.get(b))).append(' ');
        return sb.toString();
    }

    static String drain(KeyValueIterator<Windowed<Bytes>, byte[]> it) {
        StringBuilder sb = new StringBuilder();
        try (it) {
            while (it.hasNext()) {
                KeyValue<Windowed<Bytes>, byte[]> kv = it.next();
                sb.append(HEX.formatHex(kv.key.key().get())).append('@').append(kv.key.window().start()).append('/')
                        .append(kv.key.window().end()).append('=').append(HEX.formatHex(kv.value)).append(' ');
            }
        }
        return sb.toString();
    }

    static String drainTimes(WindowStoreIterator<byte[]> it) {
        StringBuilder sb = new StringBuilder();
        try (it) {
            while (it.hasNext()) {
                KeyValue<Long, byte[]> kv = it.next();
                sb.append(kv.key).append('=').append(HEX.formatHex(kv.value)).append(' ');
            }
        }
        return sb.toString();
    }

    static byte[] key(Random rnd) {
        byte[] k = new byte[rnd.nextInt(3)];
        for (int i = 0; i < k.length; i++) k[i] = ALPHABET[rnd.nextInt(ALPHABET.length)];
        return k;
    }

    private static String hex(byte[] b) {
        return b == null ? "null" : HEX.formatHex(b);
    }

    /** Every visible entry, forward, as the store's {@code all()} should render it. */
    String all() {
        return renderWindowed(select(null, null, 0, Long.MAX_VALUE, true));
    }

    /**
     * Applies {@code steps} random operations to the store and the model, comparing every read and, after each step,
     * the whole content. Timestamps wander around stream time, mostly forward, often behind the retention boundary.
     */
    void run(WindowStore<Bytes, byte[]> store, long seed, int steps, String label) {
        Random rnd = new Random(seed);
        long span = spec.retention + 2 * spec.segmentInterval;
        List<byte[]> written = new ArrayList<>(); // windows put so far, so overwrites, deletes and lookups hit often
        for (int step = 0; step < steps; step++) {
            String where = label + " seed " + seed + " step " + step;
            int op = rnd.nextInt(14);
            long base = Math.max(0, streamTime);
            long ts = Math.max(0, base + rnd.nextInt((int) (spec.retention / 4) + 2) - (rnd.nextInt(4) == 0 ? rnd.nextInt((int) span) : 0));
            long t1 = Math.max(0, base - rnd.nextInt((int) span));
            long t2 = t1 + rnd.nextInt((int) span);
            byte[] k1 = rnd.nextInt(6) == 0 ? null : key(rnd);
            byte[] k2 = rnd.nextInt(6) == 0 ? null : key(rnd);
            switch (op) {
                case 0, 1, 2, 3 -> {
                    byte[] k = key(rnd);
                    long t = ts;
                    if (!written.isEmpty() && rnd.nextInt(3) == 0) { // the same window again: overwrite or delete
                        byte[] old = written.get(rnd.nextInt(written.size()));
                        k = keyOf(old);
                        t = tsOf(old);
                    }
                    byte[] v = rnd.nextInt(4) == 0 ? null : new byte[]{(byte) step, (byte) (step >> 8)};
                    store.put(Bytes.wrap(k), v, t);
                    put(k, v, t);
                    written.add(binary(k, t, 0));
                }
                case 4 -> {
                    byte[] k = key(rnd);
                    long t = rnd.nextBoolean() ? ts : t1;
                    if (!written.isEmpty() && rnd.nextBoolean()) {
                        byte[] old = written.get(rnd.nextInt(written.size()));
                        k = keyOf(old);
                        t = tsOf(old);
                    }
                    assertEquals(hex(fetch(k, t)), hex(store.fetch(Bytes.wrap(k), t)), where + " fetch(key, time)");
                }
                case 5, 6 -> {
                    byte[] k = key(rnd);
                    boolean fwd = op == 5;
                    WindowStoreIterator<byte[]> it = fwd ? store.fetch(Bytes.wrap(k), t1, t2) : store.backwardFetch(Bytes.wrap(k), t1, t2);
                    assertEquals(renderTimes(select(k, k, t1, t2, fwd)), drainTimes(it), where + (fwd ? " fetch" : " backwardFetch") + " key " + hex(k) + " " + t1 + ".." + t2);
                }
                case 7, 8 -> {
                    boolean fwd = op == 7;
                    Bytes f = k1 == null ? null : Bytes.wrap(k1);
                    Bytes t = k2 == null ? null : Bytes.wrap(k2);
                    var it = fwd ? store.fetch(f, t, t1, t2) : store.backwardFetch(f, t, t1, t2);
                    assertEquals(renderWindowed(select(k1, k2, t1, t2, fwd)), drain(it),
                            where + (fwd ? " fetch" : " backwardFetch") + " keys " + hex(k1) + ".." + hex(k2) + " " + t1 + ".." + t2);
                }
                case 9, 10 -> {
                    boolean fwd = op == 9;
                    var it = fwd ? store.fetchAll(t1, t2) : store.backwardFetchAll(t1, t2);
                    assertEquals(renderWindowed(select(null, null, t1, t2, fwd)), drain(it), where + (fwd ? " fetchAll " : " backwardFetchAll ") + t1 + ".." + t2);
                }
                case 11 -> assertEquals(renderWindowed(select(null, null, 0, Long.MAX_VALUE, false)), drain(store.backwardAll()), where + " backwardAll");
                case 12 -> {
                    if (rnd.nextInt(4) == 0) store.flush(); // RocksDB writes a table file per segment: keep it occasional
                }
                default -> {
                    // a bound from the other side of the key range gives nothing
                    if (k1 != null && k2 != null && Arrays.compareUnsigned(k1, k2) > 0) {
                        assertEquals("", drain(store.fetch(Bytes.wrap(k1), Bytes.wrap(k2), 0, Long.MAX_VALUE)), where + " inverted");
                    }
                }
            }
            assertEquals(all(), drain(store.all()), where + " all after op " + op);
        }
    }

    Map<String, Long> counters() {
        return Map.of("streamTime", streamTime, "entries", (long) entries.size());
    }
}
