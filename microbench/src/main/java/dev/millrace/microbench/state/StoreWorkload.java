package dev.millrace.microbench.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Bytes;

/**
 * The data every store benchmark uses, identical for Millrace and Kafka Streams: {@link #KEYS} distinct random
 * 16-byte keys with random 100-byte values, fixed seed. Keys are kept both as {@link Bytes} (what the stores take,
 * wrapped once here so no benchmark allocates a wrapper) and sorted, to pick range bounds that span exactly
 * {@link #RANGE} keys. {@link #nextIndex} walks a precomputed random order, so picking a key costs an array read.
 */
public final class StoreWorkload {
    public static final int KEYS = 100_000;
    public static final int KEY_BYTES = 16;
    public static final int VALUE_BYTES = 100;
    public static final int RANGE = 100;
    private static final int ORDER_MASK = (1 << 20) - 1;

    private final Bytes[] keys = new Bytes[KEYS];
    private final byte[][] values = new byte[KEYS][];
    private final Bytes[] sorted;
    private final int[] order = new int[ORDER_MASK + 1];
    private int cursor;

    public StoreWorkload() {
        SplittableRandom random = new SplittableRandom(20261126L);
        Set<Bytes> seen = new HashSet<>();
        for (int i = 0; i < KEYS; i++) {
            Bytes key;
            do {
                byte[] k = new byte[KEY_BYTES];
                random.nextBytes(k);
                key = Bytes.wrap(k);
            } while (!seen.add(key));
            keys[i] = key;
            values[i] = new byte[VALUE_BYTES];
            random.nextBytes(values[i]);
        }
        sorted = keys.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < order.length; i++) order[i] = random.nextInt(KEYS);
    }

    public Bytes key(int i) {
        return keys[i];
    }

    public byte[] value(int i) {
        return values[i];
    }

    /** The next index of the random walk over the keys. */
    public int nextIndex() {
        return order[cursor++ & ORDER_MASK];
    }

    /** The lower bound of a scan covering {@link #RANGE} keys, starting at a random position in key order. */
    public Bytes rangeFrom(int i) {
        return sorted[i % (KEYS - RANGE + 1)];
    }

    /** The inclusive upper bound matching {@link #rangeFrom} for the same {@code i}. */
    public Bytes rangeTo(int i) {
        return sorted[i % (KEYS - RANGE + 1) + RANGE - 1];
    }

    /** A fresh directory for a store's files, under {@code millrace.bench.dir} if set (e.g. /dev/shm), else tmp. */
    static Path tempDir(String prefix) {
        try {
            String base = System.getProperty("millrace.bench.dir");
            return base == null ? Files.createTempDirectory(prefix) : Files.createTempDirectory(Path.of(base), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
