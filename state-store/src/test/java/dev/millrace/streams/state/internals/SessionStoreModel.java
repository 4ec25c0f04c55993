package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.internals.SessionWindow;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reference for session stores: a sorted map keyed by the stored bytes ({@code [key][end][start]}), Kafka
 * Streams' stream-time and retention rules, and each engine's result order (RocksDB: segment by end, then stored
 * bytes; in-memory: end, key, start descending, all reversed for backward scans).
 */
final class SessionStoreModel {
    private static final HexFormat HEX = HexFormat.of();

    record Spec(boolean rocks, long retention, long segmentInterval) {
    }

    private final Spec spec;
    private final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
    private long streamTime = -1;

    SessionStoreModel(Spec spec) {
        this.spec = spec;
    }

    static byte[] binary(byte[] key, long start, long end) {
        return ByteBuffer.allocate(key.length + 16).put(key).putLong(end).putLong(start).array();
    }

    static byte[] keyOf(byte[] b) {
        return Arrays.copyOf(b, b.length - 16);
    }

    static long endOf(byte[] b) {
        return ByteBuffer.wrap(b).getLong(b.length - 16);
    }

    static long startOf(byte[] b) {
        return ByteBuffer.wrap(b).getLong(b.length - 8);
    }

    void put(byte[] key, long start, long end, byte[] agg) {
        streamTime = Math.max(streamTime, end);
        if (end <= streamTime - spec.retention) return;
        if (agg == null) entries.remove(binary(key, start, end));
        else entries.put(binary(key, start, end), agg);
    }

    void remove(byte[] key, long start, long end) {
        if (spec.rocks) streamTime = Math.max(streamTime, end); // RocksDB moves stream time on remove; the heap store does not
        entries.remove(binary(key, start, end));
    }

    private boolean live(long end) {
        return end > streamTime - spec.retention;
    }

    byte[] fetchSession(byte[] key, long start, long end) {
        return live(end) ? entries.get(binary(key, start, end)) : null;
    }

    private Comparator<byte[]> order(boolean forward) {
        if (spec.rocks) {
            Comparator<byte[]> c = Comparator.<byte[]>comparingLong(b -> endOf(b) / spec.segmentInterval).thenComparing(Arrays::compareUnsigned);
            return forward ? c : c.reversed();
        }
        Comparator<byte[]> c = Comparator.<byte[]>comparingLong(SessionStoreModel::endOf)
                .thenComparing(SessionStoreModel::keyOf, Arrays::compareUnsigned)
                .thenComparing(Comparator.comparingLong(SessionStoreModel::startOf).reversed());
        return forward ? c : c.reversed();
    }

    /** Sessions with key in range, {@code end >= earliestEnd}, {@code end <= latestEnd}, {@code start <= latestStart}, live. */
    List<byte[]> select(byte[] keyFrom, byte[] keyTo, long earliestEnd, long latestEnd, long latestStart, boolean forward) {
        List<byte[]> out = new ArrayList<>();
        if (keyFrom != null && keyTo != null && Arrays.compareUnsigned(keyFrom, keyTo) > 0) return out;
        for (byte[] b : entries.keySet()) {
            byte[] k = keyOf(b);
            if (keyFrom != null && Arrays.compareUnsigned(k, keyFrom) < 0) continue;
            if (keyTo != null && Arrays.compareUnsigned(k, keyTo) > 0) continue;
            if (endOf(b) < earliestEnd || endOf(b) > latestEnd || startOf(b) > latestStart || !live(endOf(b))) continue;
            out.add(b);
        }
        out.sort(order(forward));
        return out;
    }

    String render(List<byte[]> selected) {
        StringBuilder sb = new StringBuilder();
        for (byte[] b : selected) {
            sb.append(HEX.formatHex(keyOf(b))).append('@').append(startOf(b)).append('/').append(endOf(b))
                    .append('=').append(HEX.formatHex(entries.get(b))).append(' ');
        }
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

    private static String hex(byte[] b) {
        return b == null ? "null" : HEX.formatHex(b);
    }

    String all() {
        return render(select(null, null, 0, Long.MAX_VALUE, Long.MAX_VALUE, true));
    }

    /** Random puts, removes and every read, store against model; the whole content compared after each step. */
    void run(SessionStore<Bytes, byte[]> store, long seed, int steps, String label) {
        Random rnd = new Random(seed);
        long span = spec.retention + 2 * spec.segmentInterval;
        List<byte[]> written = new ArrayList<>(); // sessions put so far, so removes and exact fetches hit often
        for (int step = 0; step < steps; step++) {
            String where = label + " seed " + seed + " step " + step;
            int op = rnd.nextInt(14);
            long base = Math.max(0, streamTime);
            long end = Math.max(0, base + rnd.nextInt((int) (spec.retention / 4) + 2) - (rnd.nextInt(4) == 0 ? rnd.nextInt((int) span) : 0));
            long start = Math.max(0, end - rnd.nextInt((int) (spec.retention / 2) + 1));
            long t1 = Math.max(0, base - rnd.nextInt((int) span));
            long t2 = t1 + rnd.nextInt((int) span);
            byte[] k1 = rnd.nextInt(6) == 0 ? null : WindowStoreModel.key(rnd);
            byte[] k2 = rnd.nextInt(6) == 0 ? null : WindowStoreModel.key(rnd);
            byte[] old = written.isEmpty() ? null : written.get(rnd.nextInt(written.size()));
            switch (op) {
                case 0, 1, 2, 3 -> {
                    byte[] k = WindowStoreModel.key(rnd);
                    byte[] v = rnd.nextInt(8) == 0 ? null : new byte[]{(byte) step, (byte) (step >> 8)};
                    store.put(new Windowed<>(Bytes.wrap(k), new SessionWindow(start, end)), v);
                    put(k, start, end, v);
                    written.add(binary(k, start, end));
                }
                case 4 -> {
                    if (old == null) break;
                    store.remove(new Windowed<>(Bytes.wrap(keyOf(old)), new SessionWindow(startOf(old), endOf(old))));
                    remove(keyOf(old), startOf(old), endOf(old));
                }
                case 5 -> {
                    if (old == null) break;
                    assertEquals(hex(fetchSession(keyOf(old), startOf(old), endOf(old))),
                            hex(store.fetchSession(Bytes.wrap(keyOf(old)), startOf(old), endOf(old))), where + " fetchSession");
                }
                case 6, 7 -> {
                    byte[] k = old != null && rnd.nextBoolean() ? keyOf(old) : WindowStoreModel.key(rnd);
                    boolean fwd = op == 6;
                    var it = fwd ? store.findSessions(Bytes.wrap(k), t1, t2) : store.backwardFindSessions(Bytes.wrap(k), t1, t2);
                    assertEquals(render(select(k, k, t1, Long.MAX_VALUE, t2, fwd)), drain(it),
                            where + (fwd ? " findSessions " : " backwardFindSessions ") + hex(k) + " " + t1 + ".." + t2);
                }
                case 8, 9 -> {
                    boolean fwd = op == 8;
                    Bytes f = k1 == null ? null : Bytes.wrap(k1);
                    Bytes t = k2 == null ? null : Bytes.wrap(k2);
                    var it = fwd ? store.findSessions(f, t, t1, t2) : store.backwardFindSessions(f, t, t1, t2);
                    assertEquals(render(select(k1, k2, t1, Long.MAX_VALUE, t2, fwd)), drain(it),
                            where + (fwd ? " findSessions " : " backwardFindSessions ") + hex(k1) + ".." + hex(k2) + " " + t1 + ".." + t2);
                }
                case 10 -> {
                    byte[] k = old != null ? keyOf(old) : WindowStoreModel.key(rnd);
                    boolean fwd = rnd.nextBoolean();
                    var it = fwd ? store.fetch(Bytes.wrap(k)) : store.backwardFetch(Bytes.wrap(k));
                    assertEquals(render(select(k, k, 0, Long.MAX_VALUE, Long.MAX_VALUE, fwd)), drain(it), where + " fetch(key) " + fwd);
                }
                case 11 -> {
                    boolean fwd = rnd.nextBoolean();
                    Bytes f = k1 == null ? null : Bytes.wrap(k1);
                    Bytes t = k2 == null ? null : Bytes.wrap(k2);
                    var it = fwd ? store.fetch(f, t) : store.backwardFetch(f, t);
                    assertEquals(render(select(k1, k2, 0, Long.MAX_VALUE, Long.MAX_VALUE, fwd)), drain(it),
                            where + " fetch(keyFrom, keyTo) " + fwd + " " + hex(k1) + ".." + hex(k2));
                }
                case 12 -> assertEquals(render(select(null, null, t1, t2, Long.MAX_VALUE, true)), drain(store.findSessions(t1, t2)),
                        where + " findSessions by end " + t1 + ".." + t2);
                default -> {
                    if (rnd.nextInt(4) == 0) store.flush(); // RocksDB writes a table file per segment: keep it occasional
                }
            }
            assertEquals(all(), drain(store.fetch(null, null)), where + " everything after op " + op);
        }
    }
}
