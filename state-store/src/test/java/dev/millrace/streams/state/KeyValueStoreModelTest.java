package dev.millrace.streams.state;

import dev.millrace.streams.KeyValue;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random operation sequences on each store kind and on a reference model (a TreeMap ordered by unsigned bytes),
 * compared after every step. Keys are drawn from few bytes (0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF) and lengths 0..3,
 * so the empty key, signed/unsigned boundaries, 0xFF prefixes and collisions all occur often.
 */
class KeyValueStoreModelTest {
    private static final byte[] ALPHABET = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};
    private static final HexFormat HEX = HexFormat.of();
    private static final int SEEDS = 4;
    private static final int STEPS = 1500;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void randomOperationsMatchTheModel(StoreKind kind) {
        for (int seed = 0; seed < SEEDS; seed++) {
            run(kind, seed);
        }
    }

    private void run(StoreKind kind, long seed) {
        Random rnd = new Random(seed);
        NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        KeyValueStore<Bytes, byte[]> store = kind.open("model-" + seed, dir);
        try {
            for (int step = 0; step < STEPS; step++) {
                String where = kind + " seed " + seed + " step " + step;
                int op = rnd.nextInt(13);
                switch (op) {
                    case 0, 1 -> {
                        byte[] k = key(rnd);
                        byte[] v = rnd.nextInt(8) == 0 ? null : value(rnd);
                        store.put(Bytes.wrap(k), v);
                        if (v == null) model.remove(k);
                        else model.put(k, v);
                    }
                    case 2 -> {
                        byte[] k = key(rnd);
                        byte[] v = value(rnd);
                        byte[] expected = model.get(k);
                        if (expected == null) model.put(k, v);
                        assertEquals(hex(expected), hex(store.putIfAbsent(Bytes.wrap(k), v)), where + " putIfAbsent");
                    }
                    case 3 -> {
                        List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>();
                        int n = rnd.nextInt(6);
                        for (int i = 0; i < n; i++) {
                            byte[] k = key(rnd);
                            byte[] v = rnd.nextInt(4) == 0 ? null : value(rnd);
                            batch.add(KeyValue.pair(Bytes.wrap(k), v));
                            if (v == null) model.remove(k);
                            else model.put(k, v);
                        }
                        store.putAll(batch);
                    }
                    case 4 -> {
                        byte[] k = key(rnd);
                        assertEquals(hex(model.remove(k)), hex(store.delete(Bytes.wrap(k))), where + " delete");
                    }
                    case 5 -> {
                        byte[] k = key(rnd);
                        assertEquals(hex(model.get(k)), hex(store.get(Bytes.wrap(k))), where + " get");
                    }
                    case 6, 7 -> {
                        byte[] from = rnd.nextInt(5) == 0 ? null : key(rnd);
                        byte[] to = rnd.nextInt(5) == 0 ? null : key(rnd);
                        boolean forward = op == 6;
                        List<String> expected = expectedRange(model, from, to, forward);
                        Bytes f = from == null ? null : Bytes.wrap(from);
                        Bytes t = to == null ? null : Bytes.wrap(to);
                        try (KeyValueIterator<Bytes, byte[]> it = forward ? store.range(f, t) : store.reverseRange(f, t)) {
                            assertEquals(expected, drain(it), where + (forward ? " range " : " reverseRange ") + hex(from) + ".." + hex(to));
                        }
                    }
                    case 8 -> {
                        try (KeyValueIterator<Bytes, byte[]> it = store.reverseAll()) {
                            assertEquals(render(model.descendingMap()), drain(it), where + " reverseAll");
                        }
                    }
                    case 9, 10 -> {
                        byte[] prefix = rnd.nextInt(3) == 0 ? new byte[0] : key(rnd);
                        List<String> expected = new ArrayList<>();
                        for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                            if (startsWith(e.getKey(), prefix)) expected.add(hex(e.getKey()) + "=" + hex(e.getValue()));
                        }
                        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(Bytes.wrap(prefix), new BytesSerializer())) {
                            assertEquals(expected, drain(it), where + " prefixScan " + hex(prefix));
                        }
                    }
                    case 11 -> store.flush();
                    default -> {
                        if (kind.exactCount()) assertEquals(model.size(), store.approximateNumEntries(), where + " count");
                        else store.approximateNumEntries();
                    }
                }
                try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
                    assertEquals(render(model), drain(it), where + " all after op " + op);
                }
            }
            // what was flushed survives a reopen for the persistent kinds
            if (store.persistent()) {
                store.flush();
                store.close();
                store = kind.open("model-" + seed, dir);
                try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
                    assertEquals(render(model), drain(it), kind + " seed " + seed + " after reopen");
                }
            }
        } finally {
            store.close();
        }
    }

    private static List<String> expectedRange(NavigableMap<byte[], byte[]> model, byte[] from, byte[] to, boolean forward) {
        if (from != null && to != null && Arrays.compareUnsigned(from, to) > 0) return List.of();
        NavigableMap<byte[], byte[]> sub = model;
        if (from != null) sub = sub.tailMap(from, true);
        if (to != null) sub = sub.headMap(to, true);
        return render(forward ? sub : sub.descendingMap());
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] key(Random rnd) {
        byte[] k = new byte[rnd.nextInt(4)];
        for (int i = 0; i < k.length; i++) k[i] = ALPHABET[rnd.nextInt(ALPHABET.length)];
        return k;
    }

    private static byte[] value(Random rnd) {
        byte[] v = new byte[rnd.nextInt(4)]; // empty values are values, not deletes
        rnd.nextBytes(v);
        return v;
    }

    private static String hex(byte[] b) {
        return b == null ? "null" : "[" + HEX.formatHex(b) + "]";
    }

    private static List<String> render(Map<byte[], byte[]> entries) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : entries.entrySet()) out.add(hex(e.getKey()) + "=" + hex(e.getValue()));
        return out;
    }

    private static List<String> drain(KeyValueIterator<Bytes, byte[]> it) {
        List<String> out = new ArrayList<>();
        while (it.hasNext()) {
            Bytes peeked = it.peekNextKey();
            KeyValue<Bytes, byte[]> kv = it.next();
            assertEquals(peeked, kv.key, "peekNextKey must equal the next key");
            out.add(hex(kv.key.get()) + "=" + hex(kv.value));
        }
        return out;
    }
}
