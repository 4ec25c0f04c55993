package dev.millrace.broker.log;

import static dev.millrace.broker.log.LogTestSupport.T0;
import static dev.millrace.broker.log.LogTestSupport.append;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.log.LogTestSupport.ManualClock;
import dev.millrace.broker.record.KafkaBatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogManagerTest {
    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock();

    @Test
    void createsLoadsAndMarksCleanShutdown() {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        LogManager manager = new LogManager(List.of(a, b), Map.of("log.retention.ms", "5000"), clock);
        manager.startup();
        assertEquals(5000L, manager.defaultConfig().retentionMs());
        PartitionLog p0 = manager.getOrCreate("my-topic.v2", 0, manager.defaultConfig());
        PartitionLog p1 = manager.getOrCreate("my-topic.v2", 1, manager.defaultConfig());
        assertSame(p0, manager.getOrCreate("my-topic.v2", 0, manager.defaultConfig()));
        assertTrue(Files.isDirectory(a.resolve("my-topic.v2-0")) || Files.isDirectory(b.resolve("my-topic.v2-0")));
        assertTrue(!p0.dir().getParent().equals(p1.dir().getParent()), "spread over log dirs");
        assertEquals("my-topic.v2", p1.topic());
        assertEquals(1, p1.partition());
        append(p0, KafkaBatches.spec().count(3).timestamp(T0));
        append(p1, KafkaBatches.spec().count(2).timestamp(T0));
        manager.shutdown();
        assertTrue(Files.exists(a.resolve(LogManager.CLEAN_SHUTDOWN_FILE)));
        assertTrue(Files.exists(b.resolve(LogManager.CLEAN_SHUTDOWN_FILE)));

        LogManager restarted = new LogManager(List.of(a, b), Map.of(), clock);
        restarted.startup();
        assertFalse(Files.exists(a.resolve(LogManager.CLEAN_SHUTDOWN_FILE)));
        assertEquals(2, restarted.all().size());
        assertEquals(3, restarted.get("my-topic.v2", 0).logEndOffset());
        assertEquals(2, restarted.get("my-topic.v2", 1).logEndOffset());
        assertNull(restarted.get("other", 0));
        assertTrue(restarted.delete("my-topic.v2", 1));
        assertFalse(restarted.delete("my-topic.v2", 1));
        assertEquals(1, restarted.all().size());
        restarted.runFlush();
        assertEquals(0, restarted.runRetention());
        restarted.shutdown();
    }

    @Test
    void aLogDirServesOneBrokerAtATime() {
        LogManager first = new LogManager(List.of(tmp), Map.of(), clock);
        first.startup();
        LogManager second = new LogManager(List.of(tmp), Map.of(), clock);
        assertThrows(LogStorageException.class, second::startup);
        first.shutdown();
        second.startup();
        second.shutdown();
    }

    @Test
    void directoryNames() {
        assertEquals("a-b-12", LogManager.dirName("a-b", 12));
        assertEquals("a-b", LogManager.topicOf("a-b-12"));
        assertEquals(12, LogManager.parsePartition("a-b-12"));
        assertEquals(-1, LogManager.parsePartition("a-b-12.abc-delete"));
        assertEquals(-1, LogManager.parsePartition("nodash"));
        assertNotNull(LogManager.CLEAN_SHUTDOWN_FILE);
    }
}
