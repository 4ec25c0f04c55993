package dev.millrace.streams.state.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.internals.SessionWindow;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.WindowStoreIterator;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Segment boundaries and retention, to the millisecond: which segment (database directory) a timestamp lands in, when
 * a segment is dropped whole, which writes are dropped and counted, and which entries reads still return.
 * Retention 1000 ms and segments of 300 ms unless said otherwise.
 */
class SegmentRetentionTest {
    private static final long RETENTION = 1000;
    private static final long SEGMENT = 300;
    private static final byte[] V = {1};

    @TempDir
    Path dir;

    private SimpleStateStoreContext context() {
        return new SimpleStateStoreContext("app", new TaskId(0, 0), dir.toFile(), Map.of());
    }

    private File storeDir(String name) {
        return new File(context().stateDir(), name);
    }

    private TreeSet<String> segmentDirs(String name) {
        String[] list = storeDir(name).list();
        return new TreeSet<>(list == null ? List.of() : Arrays.asList(list));
    }

    private static Bytes key(String k) {
        return Bytes.wrap(k.getBytes());
    }

    private static List<Long> times(WindowStoreIterator<byte[]> it) {
        List<Long> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) out.add(it.next().key);
        }
        return out;
    }

    @Test
    void windowTimestampsLandInSegmentsByExactBoundaries() {
        RocksDBWindowStore store = new RocksDBWindowStore("w", RETENTION, SEGMENT, 10, false);
        store.init(context(), store);
        try {
            store.put(key("a"), V, 0);          // segment 0 starts here
            store.put(key("b"), V, SEGMENT - 1); // last ms of segment 0
            assertEquals(List.of(0L), store.segmented().segmentIds());
            store.put(key("c"), V, SEGMENT);     // first ms of segment 1
            assertEquals(List.of(0L, 1L), store.segmented().segmentIds());
            store.put(key("d"), V, 2 * SEGMENT - 1);
            store.put(key("e"), V, 2 * SEGMENT);
            assertEquals(List.of(0L, 1L, 2L), store.segmented().segmentIds());
            // Kafka Streams' directory names: <store>.<segment id * segment interval>
            assertEquals(new TreeSet<>(List.of("w.0", "w.300", "w.600")), segmentDirs("w"));
        } finally {
            store.close();
        }
    }

    @Test
    void expiredSegmentsAreDroppedWholeAtTheRetentionBoundary() {
        RocksDBWindowStore store = new RocksDBWindowStore("w", RETENTION, SEGMENT, 10, false);
        store.init(context(), store);
        try {
            for (long t = 0; t < 3 * SEGMENT; t += 100) store.put(key("k" + t), V, t); // segments 0, 1, 2
            // stream time 1299: 1299 - 1000 = 299 is still in segment 0, which stays
            store.put(key("x"), V, RETENTION + SEGMENT - 1);
            assertEquals(List.of(0L, 1L, 2L, 4L), store.segmented().segmentIds());
            // stream time 1300: the oldest live timestamp's segment is 1, so segment 0 goes, directory and all
            store.put(key("y"), V, RETENTION + SEGMENT);
            assertEquals(List.of(1L, 2L, 4L), store.segmented().segmentIds());
            assertEquals(new TreeSet<>(List.of("w.300", "w.600", "w.1200")), segmentDirs("w"));
            assertEquals(0, store.segmented().droppedRecords());
            // a write into the dropped segment is dropped and counted; one into a live segment is kept
            store.put(key("late"), V, SEGMENT - 1);
            assertEquals(1, store.segmented().droppedRecords());
            store.put(key("late"), V, SEGMENT);
            assertEquals(1, store.segmented().droppedRecords());
        } finally {
            store.close();
        }
    }

    @Test
    void readsStopExactlyAtStreamTimeMinusRetention() {
        for (boolean rocks : new boolean[]{true, false}) {
            var store = rocks ? new RocksDBWindowStore("r", RETENTION, SEGMENT, 10, false) : new InMemoryWindowStore("m", RETENTION, 10, false);
            store.init(context(), store);
            try {
                long t = 5000;
                store.put(key("k"), V, t - RETENTION + 1);
                store.put(key("k"), V, t);            // stream time 5000
                // t - retention is expired: a write there is dropped (in memory) or invisible (its RocksDB segment is live)
                store.put(key("k"), V, t - RETENTION);
                assertNull(store.fetch(key("k"), t - RETENTION));
                assertArrayEquals(V, store.fetch(key("k"), t - RETENTION + 1));
                assertEquals(List.of(t - RETENTION + 1, t), times(store.fetch(key("k"), 0, Long.MAX_VALUE)));
                assertEquals(List.of(t - RETENTION + 1), times(store.fetch(key("k"), t - RETENTION - 1, t - RETENTION + 1)));
                // one more millisecond of stream time expires the oldest
                store.put(key("other"), V, t + 1);
                assertNull(store.fetch(key("k"), t - RETENTION + 1));
                assertEquals(List.of(t), times(store.fetch(key("k"), 0, Long.MAX_VALUE)));
                try (var all = store.all()) {
                    int n = 0;
                    while (all.hasNext()) {
                        all.next();
                        n++;
                    }
                    assertEquals(2, n);
                }
                if (!rocks) assertEquals(1, ((InMemoryWindowStore) store).droppedRecords());
            } finally {
                store.close();
            }
        }
    }

    @Test
    void sessionsAreSegmentedAndExpiredByTheirEnd() {
        RocksDBSessionStore store = new RocksDBSessionStore("s", RETENTION, SEGMENT);
        store.init(context(), store);
        try {
            store.put(new Windowed<>(key("a"), new SessionWindow(0, SEGMENT - 1)), V);
            store.put(new Windowed<>(key("b"), new SessionWindow(0, SEGMENT)), V); // starts in segment 0, ends in 1
            assertEquals(List.of(0L, 1L), store.segmented().segmentIds());
            store.put(new Windowed<>(key("c"), new SessionWindow(RETENTION + SEGMENT, RETENTION + SEGMENT)), V);
            assertEquals(List.of(1L, 4L), store.segmented().segmentIds()); // stream time 1300 drops segment 0
            assertNull(store.fetchSession(key("a"), 0, SEGMENT - 1));
            assertNull(store.fetchSession(key("b"), 0, SEGMENT)); // end 300 = 1300 - 1000: expired although its segment lives
            store.put(new Windowed<>(key("d"), new SessionWindow(0, SEGMENT + 1)), V);
            assertArrayEquals(V, store.fetchSession(key("d"), 0, SEGMENT + 1));
            try (KeyValueIterator<Windowed<Bytes>, byte[]> it = store.fetch(null, null)) {
                List<String> found = new ArrayList<>();
                while (it.hasNext()) found.add(it.next().key.toString());
                assertEquals(List.of("[" + key("d") + "@0/301]", "[" + key("c") + "@1300/1300]"), found);
            }
            store.put(new Windowed<>(key("late"), new SessionWindow(0, SEGMENT - 1)), V);
            assertEquals(1, store.segmented().droppedRecords());
        } finally {
            store.close();
        }
    }

    @Test
    void segmentsOnDiskAreReopened() {
        RocksDBWindowStore store = new RocksDBWindowStore("w", RETENTION, SEGMENT, 10, false);
        store.init(context(), store);
        store.put(key("a"), V, 100);
        store.put(key("b"), V, 700);
        store.flush();
        store.close();
        RocksDBWindowStore reopened = new RocksDBWindowStore("w", RETENTION, SEGMENT, 10, false);
        reopened.init(context(), reopened);
        try {
            assertEquals(List.of(0L, 2L), reopened.segmented().segmentIds());
            assertArrayEquals(V, reopened.fetch(key("a"), 100));
            assertArrayEquals(V, reopened.fetch(key("b"), 700));
        } finally {
            reopened.close();
        }
    }

    @Test
    void storesUseKafkaStreamsSegmentInterval() {
        assertEquals(60_000, Stores.persistentWindowStore("w", Duration.ofMinutes(1), Duration.ofSeconds(1), false).segmentIntervalMs());
        assertEquals(60_000, Stores.persistentWindowStore("w", Duration.ofMinutes(2), Duration.ofSeconds(1), false).segmentIntervalMs());
        assertEquals(90_000, Stores.persistentWindowStore("w", Duration.ofMinutes(3), Duration.ofSeconds(1), false).segmentIntervalMs());
        assertEquals(43_200_000, Stores.persistentSessionStore("s", Duration.ofDays(1)).segmentIntervalMs());
        assertEquals(1, Stores.inMemoryWindowStore("w", Duration.ofMinutes(3), Duration.ofSeconds(1), false).segmentIntervalMs());
    }

    @Test
    void negativeTimestampsAreRejected() {
        RocksDBWindowStore store = new RocksDBWindowStore("w", RETENTION, SEGMENT, 10, false);
        store.init(context(), store);
        try {
            assertThrows(IllegalArgumentException.class, () -> store.put(key("a"), V, -1));
        } finally {
            store.close();
        }
    }
}
