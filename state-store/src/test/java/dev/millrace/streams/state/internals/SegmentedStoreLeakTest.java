package dev.millrace.streams.state.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.internals.SessionWindow;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.KeyValueIterator;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * As {@code RocksDBLeakTest} for the segmented stores: each cycle opens a window and a session store, writes across
 * several segments (so segments are created and expired, i.e. databases opened, closed and deleted while the store
 * is open), scans, leaves iterators open, and closes. File descriptors and pinned shared-cache bytes must not grow;
 * RSS stays within a generous bound; expired segment directories are gone from disk.
 */
class SegmentedStoreLeakTest {
    private static final int CYCLES = 40;

    @TempDir
    Path dir;

    @Test
    void openCloseCyclesOfSegmentedStoresLeakNoFileHandlesAndNoNativeMemory() throws IOException {
        SimpleStateStoreContext context = new SimpleStateStoreContext("app", new TaskId(0, 0), dir.toFile(), Map.of());
        for (int i = 0; i < 5; i++) cycle(context, -1 - i); // warm-up: one-time native and JIT allocations
        System.gc();
        long fdsBefore = openFds();
        long rssBefore = rssKiB();
        long pinnedBefore = RocksDBMemory.shared().cache().getPinnedUsage();
        long start = System.nanoTime();
        int segmentsOpened = 0;
        for (int i = 0; i < CYCLES; i++) segmentsOpened += cycle(context, i);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.gc();
        long fdsAfter = openFds();
        long rssAfter = rssKiB();
        long pinnedAfter = RocksDBMemory.shared().cache().getPinnedUsage();
        System.out.printf("SegmentedStoreLeakTest: %d cycles (%d segment databases opened) in %d ms; fds %d -> %d;"
                + " VmRSS %d KiB -> %d KiB; shared cache pinned %d -> %d bytes%n",
                CYCLES, segmentsOpened, millis, fdsBefore, fdsAfter, rssBefore, rssAfter, pinnedBefore, pinnedAfter);
        assertTrue(fdsAfter <= fdsBefore + 2, "open fds grew from " + fdsBefore + " to " + fdsAfter);
        assertTrue(pinnedAfter - pinnedBefore < 256 * 1024, "pinned cache grew from " + pinnedBefore + " to " + pinnedAfter);
        assertTrue(rssAfter - rssBefore < 64 * 1024, "RSS grew from " + rssBefore + " KiB to " + rssAfter + " KiB");
    }

    /** One cycle; returns how many segment databases the two stores opened. */
    private static int cycle(SimpleStateStoreContext context, int round) {
        RocksDBWindowStore window = new RocksDBWindowStore("w" + round, 1000, 300, 100, false);
        RocksDBSessionStore session = new RocksDBSessionStore("s" + round, 1000, 300);
        window.init(context, window);
        session.init(context, session);
        byte[] value = new byte[128];
        for (int i = 0; i < 200; i++) {
            long t = i * 10L; // 0..1990 ms: segments 0..6, the oldest expiring as stream time passes 1300, 1600, 1900
            window.put(Bytes.wrap(new byte[]{(byte) (i % 13)}), value, t);
            session.put(new Windowed<>(Bytes.wrap(new byte[]{(byte) (i % 13)}), new SessionWindow(Math.max(0, t - 50), t)), value);
            if (i == 100) {
                window.flush(); // table files in the segments alive now, some of which expire later
                session.flush();
            }
        }
        try (var it = window.fetch(null, null, 0, Long.MAX_VALUE)) {
            while (it.hasNext()) it.next();
        }
        window.fetch(Bytes.wrap(new byte[]{1}), 0, Long.MAX_VALUE).hasNext(); // left open on purpose: close must free it
        KeyValueIterator<Windowed<Bytes>, byte[]> open = session.fetch(null, null);
        open.hasNext();
        int opened = (int) (window.segmented().segmentIds().get(window.segmented().segmentIds().size() - 1) + 1) * 2;
        assertEquals(4, window.segmented().segmentIds().size(), "segments 3..6 live at stream time 1990");
        File windowDir = new File(context.stateDir(), "w" + round);
        assertEquals(4, windowDir.list().length, "expired segment directories deleted");
        window.close();
        session.close();
        return opened;
    }

    private static long openFds() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(new File("/proc/self/status").toPath())) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
