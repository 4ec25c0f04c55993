package dev.millrace.streams.state.internals;

import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.WindowStoreIterator;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A window cache built to let cached windows outlive the retention (as Kafka Streams' record cache does, which a
 * DSL cogroup relies on) returns a cached window older than the retention from fetch and scans; by default the cache
 * hides it, as the store below would.
 */
class CachingWindowStoreRetentionTest {
    private static final long RETENTION = 100;

    @TempDir
    Path dir;

    private static Bytes b(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private CachingWindowStore open(String name, boolean cachedOutliveRetention) {
        CachingWindowStore store = new CachingWindowStore(new InMemoryWindowStore(name, RETENTION, 10, false), 10, RETENTION,
                RETENTION, cachedOutliveRetention);
        store.init(new SimpleStateStoreContext("app", new TaskId(0, 0), dir.toFile(), Map.of()), store);
        return store;
    }

    private static List<Long> starts(WindowStoreIterator<byte[]> it) {
        List<Long> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) out.add(it.next().key);
        }
        return out;
    }

    @Test
    void cachedWindowsOlderThanTheRetentionAreReturnedOnlyWhenAsked() {
        for (boolean outlive : new boolean[] {true, false}) {
            CachingWindowStore store = open("windows-" + outlive, outlive);
            try {
                store.put(b("k"), "old".getBytes(), 0);
                store.flush(); // still cached (clean), as in Kafka Streams' cache
                store.put(b("other"), "new".getBytes(), 500); // moves stream time: window 0 is past the retention
                if (outlive) {
                    assertEquals("old", new String(store.fetch(b("k"), 0), StandardCharsets.UTF_8));
                    assertEquals(List.of(0L), starts(store.fetch(b("k"), 0, 10)));
                } else {
                    assertNull(store.fetch(b("k"), 0));
                    assertEquals(List.of(), starts(store.fetch(b("k"), 0, 10)));
                }
                assertEquals("new", new String(store.fetch(b("other"), 500), StandardCharsets.UTF_8));
            } finally {
                store.close();
            }
        }
    }
}
