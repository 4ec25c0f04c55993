package dev.millrace.streams.state.internals;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RestoreChunkTest {
    /** The reference: a map ordered by unsigned key bytes, written in changelog order, remembers each key's last position. */
    private static int[] model(List<byte[]> keys) {
        TreeMap<byte[], Integer> last = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < keys.size(); i++) last.put(keys.get(i), i);
        return last.values().stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] chunkOrder(List<byte[]> keys) {
        RestoreChunk chunk = new RestoreChunk();
        for (byte[] k : keys) chunk.add(k, k.length % 3 == 0 ? null : new byte[]{1});
        return chunk.latestInKeyOrder();
    }

    /** Keys drawn to make ties likely: shared prefixes, lengths around the eight-byte window, trailing zeros, repeats. */
    private static byte[] key(SplittableRandom random, byte[] prefix) {
        int length = random.nextInt(prefix.length, prefix.length + 12);
        byte[] k = Arrays.copyOf(prefix, length);
        for (int i = prefix.length; i < length; i++) k[i] = (byte) (random.nextInt(4) == 0 ? 0 : random.nextInt(3) * 127);
        return k;
    }

    @Test
    void lastWriteOfEachKeyInUnsignedKeyOrderMatchesASortedMap() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 300; round++) {
            byte[] prefix = new byte[random.nextInt(0, 14)];
            random.nextBytes(prefix);
            int n = random.nextInt(1, round < 200 ? 60 : 5000);
            List<byte[]> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // some keys are new arrays equal to earlier ones: equality is by content, as RocksDB's
                keys.add(i > 0 && random.nextInt(4) == 0 ? keys.get(random.nextInt(i)).clone() : key(random, prefix));
            }
            assertArrayEquals(model(keys), chunkOrder(keys), "round " + round + ", " + n + " keys, prefix " + prefix.length);
        }
    }

    @Test
    void randomKeysWithoutSharedPrefixSortAcrossEveryByteOfTheWindow() {
        SplittableRandom random = new SplittableRandom(11);
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] k = new byte[random.nextInt(1, 20)];
            random.nextBytes(k);
            keys.add(k);
        }
        assertArrayEquals(model(keys), chunkOrder(keys));
    }

    @Test
    void theSharedPrefixShrinkingLateStillSortsEveryKey() {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 999; i >= 0; i--) keys.add(("user-" + String.format("%06d", i)).getBytes());
        keys.add(new byte[]{(byte) 0xff}); // shares nothing with the rest: every window moves
        keys.add(new byte[0]);
        keys.add("user-000500".getBytes());
        assertArrayEquals(model(keys), chunkOrder(keys));
    }

    @Test
    void bytesCountKeysValuesAndAFixedCostAndClearForgetsEverything() {
        RestoreChunk chunk = new RestoreChunk();
        chunk.add(new byte[3], new byte[10]);
        chunk.add(new byte[5], null);
        assertEquals(3 + 10 + 5 + 2L * RestoreChunk.RECORD_OVERHEAD, chunk.bytes());
        assertEquals(2, chunk.size());
        chunk.clear();
        assertEquals(0, chunk.size());
        assertEquals(0, chunk.bytes());
        chunk.add(new byte[]{2}, new byte[]{9});
        chunk.add(new byte[]{1}, new byte[]{8});
        assertArrayEquals(new int[]{1, 0}, chunk.latestInKeyOrder());
    }
}
