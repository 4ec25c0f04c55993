package dev.millrace.broker.log;

import static dev.millrace.broker.log.LogTestSupport.PRODUCE_VERSION;
import static dev.millrace.broker.log.LogTestSupport.T0;
import static dev.millrace.broker.log.LogTestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.log.LogTestSupport.ManualClock;
import dev.millrace.broker.record.CompressionType;
import dev.millrace.broker.record.KafkaBatches;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LogCleanerTest {
    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock();
    private final List<PartitionLog> opened = new ArrayList<>();
    private final LogCleaner cleaner = new LogCleaner(8L * 1024 * 1024);
    /** Every record appended, in offset order: what the log held before any clean. */
    private final List<Rec> appended = new ArrayList<>();

    /** One record as Kafka's parser sees it; value null for a tombstone. */
    record Rec(long offset, String key, String value) {
    }

    /** Stops a clean the way a crash would: the cleaner does not clean up after an Error. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    @AfterEach
    void closeAll() {
        for (PartitionLog log : opened) {
            if (!log.isClosed()) {
                log.close();
            }
        }
    }

    private Path dir() {
        return tmp.resolve("compacted-0");
    }

    private PartitionLog open(LogConfig config, boolean clean) {
        PartitionLog log = PartitionLog.open(dir(), config, clean, clock);
        opened.add(log);
        return log;
    }

    private static LogConfig compacted(String... more) {
        List<String> kv = new ArrayList<>(List.of(LogConfig.CLEANUP_POLICY, "compact",
                LogConfig.INTERNAL_SEGMENT_BYTES, "4096", LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "0.01"));
        kv.addAll(List.of(more));
        return config(kv.toArray(String[]::new));
    }

    // ---- building and reading batches -------------------------------------------------------------

    /** Appends one batch of {key, value} pairs (value null = tombstone) and remembers what it wrote. */
    private void append(PartitionLog log, CompressionType codec, long producerId, int sequence, String[]... kvs) {
        ByteBuffer buffer = ByteBuffer.allocate(1024 + kvs.length * 128);
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, RecordBatch.MAGIC_VALUE_V2,
                KafkaBatches.compression(codec), TimestampType.CREATE_TIME, 0L, -1L, producerId,
                (short) (producerId < 0 ? -1 : 0), producerId < 0 ? -1 : sequence, false, -1);
        long now = clock.getAsLong();
        for (String[] kv : kvs) {
            builder.append(now, bytes(kv[0]), bytes(kv[1]));
        }
        ByteBuf buf = Unpooled.copiedBuffer(builder.build().buffer());
        try {
            LogAppendInfo info = log.appendAsLeader(buf, 0, PRODUCE_VERSION);
            log.updateHighWatermark(log.logEndOffset());
            for (int i = 0; i < kvs.length; i++) {
                appended.add(new Rec(info.firstOffset() + i, kvs[i][0], kvs[i][1]));
            }
        } finally {
            buf.release();
        }
    }

    private void append(PartitionLog log, String[]... kvs) {
        append(log, CompressionType.NONE, -1L, -1, kvs);
    }

    private static String[] kv(String key, String value) {
        return new String[] {key, value};
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return new String(a, StandardCharsets.UTF_8);
    }

    /** Every batch of the visible log, parsed by Kafka with its CRC checked. */
    private static List<MutableRecordBatch> batches(PartitionLog log) {
        List<MutableRecordBatch> out = new ArrayList<>();
        long offset = log.logStartOffset();
        long hw = log.highWatermark();
        while (offset < hw) {
            FetchDataInfo info = log.read(offset, 64 * 1024, hw, true);
            assertFalse(info.isEmpty(), "empty read at " + offset + " below " + hw);
            for (MutableRecordBatch batch : LogTestSupport.parse(info).batches()) {
                batch.ensureValid();
                if (batch.lastOffset() >= offset) {
                    out.add(batch);
                }
                offset = batch.lastOffset() + 1;
            }
        }
        return out;
    }

    /** Every record of the visible log, checking that offsets only go up. */
    private static List<Rec> records(PartitionLog log) {
        List<Rec> out = new ArrayList<>();
        long previous = -1;
        for (MutableRecordBatch batch : batches(log)) {
            for (Record r : batch) {
                assertTrue(r.offset() > previous, "offset " + r.offset() + " after " + previous);
                assertTrue(r.offset() >= batch.baseOffset() && r.offset() <= batch.lastOffset());
                previous = r.offset();
                out.add(new Rec(r.offset(), string(r.key()), string(r.value())));
            }
        }
        return out;
    }

    /**
     * What a clean that reached {@code end} leaves of everything appended: each record at or past
     * {@code end}, and below it the latest record of each key (tombstones only while {@code keepTombstones}).
     */
    private List<Rec> expectedAfterClean(long end, boolean keepTombstones) {
        Map<String, Long> latestBelowEnd = new HashMap<>();
        for (Rec r : appended) {
            if (r.offset() < end) {
                latestBelowEnd.put(r.key(), r.offset());
            }
        }
        List<Rec> out = new ArrayList<>();
        for (Rec r : appended) {
            boolean latest = r.offset() == latestBelowEnd.getOrDefault(r.key(), -1L);
            if (r.offset() >= end || (latest && (r.value() != null || keepTombstones))) {
                out.add(r);
            }
        }
        return out;
    }

    /** The latest value of every key as a consumer reading the whole log ends up with. */
    private static Map<String, String> latestValues(List<Rec> records) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Rec r : records) {
            if (r.value() == null) {
                out.remove(r.key());
            } else {
                out.put(r.key(), r.value());
            }
        }
        return out;
    }

    private static List<Path> filesEndingWith(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    // ---- tests --------------------------------------------------------------------------------------

    @Test
    void randomPutsUpdatesAndTombstonesMatchAReferenceMapAfterEveryClean() {
        Random random = new Random(42);
        PartitionLog log = open(compacted(), true);
        CompressionType[] codecs = CompressionType.values();
        long lastEnd = 0;
        int cleans = 0;
        for (int round = 0; round < 40; round++) {
            int batchesThisRound = 1 + random.nextInt(8);
            for (int b = 0; b < batchesThisRound; b++) {
                String[][] kvs = new String[1 + random.nextInt(12)][];
                for (int i = 0; i < kvs.length; i++) {
                    String key = "k" + random.nextInt(60);
                    String value = random.nextInt(100) < 15 ? null : key + "@" + round + "." + b + "." + i;
                    kvs[i] = kv(key, value);
                }
                append(log, codecs[random.nextInt(codecs.length)], -1L, -1, kvs);
            }
            clock.advance(10);
            LogCleaner.Stats stats = cleaner.clean(log);
            if (stats != null) {
                cleans++;
                assertTrue(stats.endOffset() >= lastEnd, "the clean range only grows");
                lastEnd = stats.endOffset();
                assertTrue(stats.endOffset() <= log.segmentBaseOffsets().get(log.numberOfSegments() - 1),
                        "the active segment is never cleaned");
            }
            List<Rec> read = records(log);
            assertEquals(expectedAfterClean(lastEnd, true), read, "after round " + round);
            assertEquals(latestValues(appended), latestValues(read));
        }
        assertTrue(cleans > 5, "cleans ran: " + cleans);

        // after delete.retention.ms every tombstone of the cleaned part goes, at the first clean past the horizon
        log.roll();
        LogCleaner.Stats stats = cleaner.clean(log);
        assertNotNull(stats);
        assertEquals(log.logEndOffset(), stats.endOffset());
        assertEquals(expectedAfterClean(log.logEndOffset(), true), records(log));
        clock.advance(log.config().deleteRetentionMs());
        assertNotNull(cleaner.clean(log), "the passed delete horizon makes the log worth cleaning");
        List<Rec> finalRead = records(log);
        assertEquals(expectedAfterClean(log.logEndOffset(), false), finalRead);
        assertEquals(latestValues(appended), latestValues(finalRead));
        assertTrue(finalRead.stream().noneMatch(r -> r.value() == null));

        // the same after a clean restart, and nothing left to clean
        log.close();
        PartitionLog reopened = open(log.config(), true);
        assertEquals(finalRead, records(reopened));
        assertEquals(reopened.logEndOffset(), reopened.firstDirtyOffset());
        assertNull(cleaner.clean(reopened));
    }

    @Test
    void tombstonesStayForDeleteRetentionMsAfterTheFirstCleanThenGo() {
        PartitionLog log = open(compacted(LogConfig.DELETE_RETENTION_MS, "1000"), true);
        append(log, kv("a", "1"), kv("b", "1"), kv("c", "1"));
        append(log, kv("a", null), kv("b", "2"));
        log.roll();
        long firstClean = clock.getAsLong();
        assertNotNull(cleaner.clean(log));
        assertEquals(List.of(new Rec(2, "c", "1"), new Rec(3, "a", null), new Rec(4, "b", "2")), records(log));
        MutableRecordBatch withTombstone = batches(log).get(1);
        assertTrue(withTombstone.deleteHorizonMs().isPresent(), "the first clean marks the batch");
        assertEquals(firstClean + 1000, withTombstone.deleteHorizonMs().getAsLong());
        assertEquals(3, withTombstone.baseOffset());
        assertEquals(4, withTombstone.lastOffset());

        clock.advance(999);
        assertNull(cleaner.clean(log), "nothing dirty and the horizon not reached");
        assertEquals(3, records(log).size());

        clock.advance(1);
        assertNotNull(cleaner.clean(log));
        assertEquals(List.of(new Rec(2, "c", "1"), new Rec(4, "b", "2")), records(log));
        // offsets are kept: the gap is where the tombstone was
        assertEquals(5, log.logEndOffset());
    }

    @Test
    void theActiveSegmentIsNeverCleaned() {
        PartitionLog log = open(compacted(), true);
        for (int i = 0; i < 5; i++) {
            append(log, kv("a", "v" + i));
        }
        assertEquals(1, log.numberOfSegments());
        assertNull(cleaner.clean(log));
        assertEquals(appended, records(log));
    }

    @Test
    void recordsNewerThanMinCompactionLagStay() {
        PartitionLog log = open(compacted(LogConfig.MIN_COMPACTION_LAG_MS, "60000"), true);
        append(log, kv("a", "1"), kv("a", "2"));
        log.roll();
        clock.advance(30_000);
        append(log, kv("a", "3"));
        log.roll();
        append(log, kv("b", "1"));
        assertNull(cleaner.clean(log), "both inactive segments are younger than the lag");

        clock.advance(30_001);
        LogCleaner.Stats stats = cleaner.clean(log);
        assertNotNull(stats);
        assertEquals(2, stats.endOffset(), "only the first segment is old enough");
        assertEquals(List.of(new Rec(1, "a", "2"), new Rec(2, "a", "3"), new Rec(3, "b", "1")), records(log));

        clock.advance(30_000);
        assertNotNull(cleaner.clean(log));
        assertEquals(List.of(new Rec(2, "a", "3"), new Rec(3, "b", "1")), records(log));
    }

    @Test
    void maxCompactionLagCleansALogBelowItsDirtyRatio() {
        PartitionLog log = open(compacted(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, "0.9",
                LogConfig.MAX_COMPACTION_LAG_MS, "60000"), true);
        for (int i = 0; i < 20; i++) {
            append(log, kv("k" + i, "v" + "x".repeat(100)));
        }
        log.roll();
        assertNotNull(cleaner.clean(log), "a log never cleaned is all dirty");
        append(log, kv("k1", "new"));
        log.roll();
        assertNull(cleaner.clean(log), "the dirty part is far below the ratio");
        clock.advance(60_001);
        assertNotNull(cleaner.clean(log), "but its oldest dirty record passed max.compaction.lag.ms");
        assertEquals(expectedAfterClean(log.logEndOffset(), true), records(log));
    }

    @Test
    void aCompactedLogRollsItsActiveSegmentAtMaxCompactionLag() {
        PartitionLog log = open(compacted(LogConfig.MAX_COMPACTION_LAG_MS, "60000"), true);
        append(log, kv("a", "1"));
        clock.advance(60_001);
        append(log, kv("a", "2"));
        assertEquals(2, log.numberOfSegments());
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void compressedBatchesAreRewrittenWithTheirOwnCodec(CompressionType codec) {
        PartitionLog log = open(compacted(), true);
        append(log, codec, -1L, -1, kv("a", "1"), kv("b", "1"), kv("c", "1"), kv("a", "2"));
        append(log, codec, -1L, -1, kv("b", "2"), kv("d", null), kv("e", "1"));
        log.roll();
        assertNotNull(cleaner.clean(log));
        List<MutableRecordBatch> batches = batches(log);
        assertEquals(2, batches.size());
        for (MutableRecordBatch batch : batches) {
            assertEquals(codec.kafkaName(), batch.compressionType().name);
        }
        assertEquals(0, batches.get(0).baseOffset());
        assertEquals(3, batches.get(0).lastOffset(), "the last offset delta is kept");
        assertEquals(List.of(new Rec(2, "c", "1"), new Rec(3, "a", "2"), new Rec(4, "b", "2"), new Rec(5, "d", null),
                new Rec(6, "e", "1")), records(log));
        assertTrue(batches.get(1).deleteHorizonMs().isPresent());
    }

    @Test
    void smallCleanedSegmentsMergeUpToSegmentBytes() {
        PartitionLog log = open(compacted(), true);
        for (int i = 0; i < 400; i++) {
            append(log, kv("k" + (i % 10), "value-" + i + "-" + "x".repeat(40)));
        }
        int before = log.numberOfSegments();
        assertTrue(before > 10, "4 KiB segments: " + before);
        log.roll();
        // full segments cannot merge before they are cleaned: the first clean shrinks them one by one
        LogCleaner.Stats first = cleaner.clean(log);
        assertNotNull(first);
        assertEquals(before, first.segmentsRead());
        assertEquals(before, first.segmentsWritten());
        append(log, kv("k1", "late"));
        log.roll();
        // the next clean groups the small cleaned segments into one
        LogCleaner.Stats second = cleaner.clean(log);
        assertNotNull(second);
        assertEquals(before + 1, second.segmentsRead());
        assertEquals(1, second.segmentsWritten(), "ten keys fit one segment");
        assertEquals(2, log.numberOfSegments(), "one cleaned segment and the active one");
        for (LogSegment s : log.segments()) {
            assertTrue(s.size() <= log.config().segmentBytes());
        }
        assertEquals(expectedAfterClean(log.logEndOffset(), true), records(log));
        // a read from a removed offset starts at the next batch kept
        assertEquals(390, log.read(5, 1 << 20, log.highWatermark(), true).firstBatchBaseOffset());
    }

    @Test
    void groupsNeverExceedSegmentBytes() {
        PartitionLog log = open(compacted(), true);
        for (int i = 0; i < 300; i++) {
            append(log, kv("k" + i, "distinct-" + i + "-" + "y".repeat(60)));
        }
        log.roll();
        int before = log.numberOfSegments();
        LogCleaner.Stats stats = cleaner.clean(log);
        assertNotNull(stats);
        assertTrue(stats.segmentsWritten() > 1 && stats.segmentsWritten() <= before - 1,
                "nothing to remove, so groups are bounded by segment.bytes: " + stats);
        for (LogSegment s : log.segments()) {
            assertTrue(s.size() <= log.config().segmentBytes(), s + " within segment.bytes");
        }
        assertEquals(appended, records(log));
    }

    @Test
    void theLastBatchOfAProducerStaysAsAnEmptyBatchSoItsSequenceSurvives() {
        PartitionLog log = open(compacted(), true);
        append(log, CompressionType.NONE, 7L, 0, kv("a", "1"), kv("b", "1"));
        append(log, kv("a", "2"), kv("b", "2"));
        log.roll();
        assertNotNull(cleaner.clean(log));
        List<MutableRecordBatch> batches = batches(log);
        assertEquals(2, batches.size());
        MutableRecordBatch empty = batches.get(0);
        assertEquals(7L, empty.producerId());
        assertEquals(0, empty.baseSequence());
        assertEquals(0, empty.baseOffset());
        assertEquals(1, empty.lastOffset());
        assertEquals(1, empty.lastSequence());
        assertEquals(0, empty.countOrNull());
        assertEquals(List.of(new Rec(2, "a", "2"), new Rec(3, "b", "2")), records(log));

        // a reload rebuilds the producer from the empty batch: its next sequence is accepted
        log.close();
        PartitionLog reopened = open(log.config(), false);
        assertEquals(1, reopened.producerState().lastBatchOf(7L).lastSequence());
        append(reopened, CompressionType.NONE, 7L, 2, kv("c", "1"));
        assertThrows(OutOfOrderSequenceException.class,
                () -> append(reopened, CompressionType.NONE, 7L, 9, kv("c", "2")));
    }

    @Test
    void aBatchOfAnOldProducerThatLostEverythingGoes() {
        PartitionLog log = open(compacted(), true);
        append(log, CompressionType.NONE, 7L, 0, kv("a", "1"));
        append(log, CompressionType.NONE, 7L, 1, kv("b", "1"));
        append(log, kv("a", "2"));
        log.roll();
        assertNotNull(cleaner.clean(log));
        assertEquals(List.of(1L, 2L), batches(log).stream().map(MutableRecordBatch::baseOffset).toList());
    }

    @Test
    void theCheckpointSurvivesARestartSoCleanLogsAreNotCleanedAgain() {
        PartitionLog log = open(compacted(), true);
        for (int i = 0; i < 50; i++) {
            append(log, kv("k" + (i % 5), "v" + i));
        }
        log.roll();
        LogCleaner.Stats stats = cleaner.clean(log);
        assertNotNull(stats);
        assertEquals(50, stats.endOffset());
        log.close();
        PartitionLog reopened = open(log.config(), true);
        assertEquals(50, reopened.firstDirtyOffset());
        assertNull(cleaner.clean(reopened));
        append(reopened, kv("k1", "after"));
        reopened.roll();
        LogCleaner.Stats next = cleaner.clean(reopened);
        assertNotNull(next);
        assertEquals(50, next.firstDirtyOffset());
        assertEquals(51, next.endOffset());
    }

    @Test
    void truncationBelowTheCheckpointMakesThoseOffsetsDirtyAgain() {
        PartitionLog log = open(compacted(), true);
        for (int i = 0; i < 30; i++) {
            append(log, kv("k" + (i % 3), "v" + i));
        }
        log.roll();
        assertNotNull(cleaner.clean(log));
        assertEquals(30, log.firstDirtyOffset());
        log.truncateTo(29);
        assertEquals(29, log.firstDirtyOffset());
    }

    @Test
    void aDeleteAndCompactLogIsCleanedAndStillSubjectToRetention() {
        PartitionLog log = open(compacted(LogConfig.CLEANUP_POLICY, "compact,delete"), true);
        for (int i = 0; i < 20; i++) {
            append(log, kv("k" + (i % 4), "v" + i));
        }
        log.roll();
        assertNotNull(cleaner.clean(log));
        assertEquals(expectedAfterClean(20, true), records(log));
        assertTrue(log.config().isDeleteEnabled());
    }

    @Test
    void keylessRecordsAreDropped() {
        PartitionLog log = open(LogConfig.defaults(), true);
        ByteBuf buf = KafkaBatches.spec().nullKeys().count(3).build();
        try {
            log.appendAsLeader(buf, 0, PRODUCE_VERSION);
        } finally {
            buf.release();
        }
        append(log, kv("a", "1"));
        log.updateConfig(compacted());
        log.roll();
        log.updateHighWatermark(log.logEndOffset());
        assertNotNull(cleaner.clean(log));
        assertEquals(List.of(new Rec(3, "a", "1")), records(log));
    }

    // ---- crash safety -------------------------------------------------------------------------------

    /**
     * A log of several segments, cleaned once, then more writes; the second clean is stopped as a crash
     * would stop it at {@code step}, and the log is reopened without a clean shutdown.
     */
    @ParameterizedTest
    @EnumSource(CleanerFaults.Step.class)
    void aCrashAtAnyStepOfASwapLeavesAReadableCorrectLog(CleanerFaults.Step step) throws IOException {
        PartitionLog log = open(compacted(), true);
        Random random = new Random(step.ordinal());
        // keys written only here, in the first group: their one record must survive every crash
        for (int i = 0; i < 5; i++) {
            append(log, kv("early" + i, "only-value-" + i));
        }
        for (int i = 0; i < 300; i++) {
            String key = "k" + random.nextInt(25);
            append(log, kv(key, random.nextInt(10) == 0 ? null : key + "=" + i + "-" + "z".repeat(20)));
        }
        log.roll();
        assertNotNull(cleaner.clean(log));
        for (int i = 0; i < 200; i++) {
            String key = "k" + random.nextInt(25);
            append(log, kv(key, key + "=late" + i + "-" + "z".repeat(20)));
        }
        log.roll();
        long end = log.logEndOffset();
        List<Rec> before = records(log);
        List<Rec> after = expectedAfterClean(end, true);

        cleaner.faults = s -> {
            if (s == step) {
                throw new Crash();
            }
        };
        assertThrows(Crash.class, () -> cleaner.clean(log));
        cleaner.faults = CleanerFaults.NONE;
        // the crashed instance is abandoned as it is, files open; a new one recovers the directory
        opened.remove(log);
        PartitionLog reopened = open(log.config(), false);
        // as the partition layer does on a single node: everything recovered is committed
        reopened.updateHighWatermark(reopened.logEndOffset());
        assertTrue(filesEndingWith(dir(), ".cleaned").isEmpty());
        assertTrue(filesEndingWith(dir(), ".swap").isEmpty());
        List<Rec> read = records(reopened);
        // between the log before the clean and after it: the first group swapped or not, the rest not yet
        assertTrue(before.containsAll(read), "nothing invented after a crash at " + step);
        assertEquals(List.of(), after.stream().filter(r -> !read.contains(r)).toList(), "nothing lost after a crash at " + step);
        assertEquals(latestValues(appended), latestValues(read));
        if (step == CleanerFaults.Step.CLEANED_FILE_WRITTEN) {
            assertEquals(before, read, "an uncommitted clean is discarded");
        } else if (step != CleanerFaults.Step.SWAP_FILE_WRITTEN) {
            // the old segments are gone, so the swap must have been completed for anything to be left
            assertTrue(read.size() < before.size(), "a committed swap (" + step + ") is completed on load");
        }

        assertNotNull(cleaner.clean(reopened));
        assertEquals(after, records(reopened));
    }

    @Test
    void leftoverCleanedAndSwapFilesAreFinishedOrDiscardedOnLoad() throws IOException {
        PartitionLog log = open(compacted(), true);
        for (int i = 0; i < 120; i++) {
            append(log, kv("k" + (i % 6), "v" + i + "-" + "w".repeat(30)));
        }
        log.roll();
        List<Rec> before = records(log);
        log.close();
        opened.clear();
        // a .cleaned segment is an unfinished clean: whatever it holds, it is never read
        Path stray = LogSegment.file(dir(), 0, LogSegment.LOG_SUFFIX + LogSegment.CLEANED_SUFFIX);
        Files.write(stray, new byte[] {1, 2, 3});
        PartitionLog reopened = open(log.config(), false);
        assertFalse(Files.exists(stray));
        assertEquals(before, records(reopened));
    }

    // ---- a figure, printed, not asserted ------------------------------------------------------------

    @Test
    void cleans200kRecordsOver1000Keys() {
        PartitionLog log = open(config(LogConfig.CLEANUP_POLICY, "compact",
                LogConfig.INTERNAL_SEGMENT_BYTES, Integer.toString(1024 * 1024)), true);
        Random random = new Random(7);
        int records = 200_000;
        int perBatch = 100;
        for (int b = 0; b < records / perBatch; b++) {
            String[][] kvs = new String[perBatch][];
            for (int i = 0; i < perBatch; i++) {
                String key = "key-" + random.nextInt(1000);
                kvs[i] = kv(key, random.nextInt(20) == 0 ? null : key + "-value-" + (b * perBatch + i));
            }
            append(log, CompressionType.LZ4, -1L, -1, kvs);
        }
        log.roll();
        long bytesBefore = log.sizeInBytes();
        LogCleaner.Stats stats = cleaner.clean(log);
        assertNotNull(stats);
        System.out.printf("Cleaned %d records (%d bytes, %d segments, lz4) into %d records (%d bytes, %d segments) in %d ms%n",
                stats.recordsRead(), bytesBefore, stats.segmentsRead(), stats.recordsKept(), stats.bytesWritten(),
                stats.segmentsWritten(), stats.elapsedMs());
        assertEquals(latestValues(appended), latestValues(records(log)));
        assertTrue(stats.recordsKept() <= 1000);
    }
}
