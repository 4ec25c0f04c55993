package dev.millrace.broker.log;

import static dev.millrace.broker.log.LogTestSupport.T0;
import static dev.millrace.broker.log.LogTestSupport.append;
import static dev.millrace.broker.log.LogTestSupport.config;
import static dev.millrace.broker.log.LogTestSupport.parse;
import static dev.millrace.broker.log.LogTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.log.LogTestSupport.ManualClock;
import dev.millrace.broker.record.CompressionType;
import dev.millrace.broker.record.KafkaBatches;
import dev.millrace.broker.record.RecordValidationException;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionLogTest {
    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock();
    private final List<PartitionLog> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        for (PartitionLog log : opened) {
            if (!log.isClosed()) {
                log.close();
            }
        }
    }

    private PartitionLog open(LogConfig config) {
        return open(config, true);
    }

    private PartitionLog open(LogConfig config, boolean clean) {
        PartitionLog log = PartitionLog.open(tmp.resolve("topic-0"), config, clean, clock);
        opened.add(log);
        return log;
    }

    @Test
    void appendsEveryCodecAndKafkaReadsItBack() {
        PartitionLog log = open(LogConfig.defaults());
        List<String> expected = new ArrayList<>();
        long offset = 0;
        for (CompressionType codec : CompressionType.values()) {
            LogAppendInfo info = append(log, KafkaBatches.spec().codec(codec).count(4).timestamp(T0)
                    .values(codec.kafkaName() + "-"));
            assertEquals(offset, info.firstOffset());
            assertEquals(offset + 3, info.lastOffset());
            assertEquals(T0 + 3, info.maxTimestamp());
            assertEquals(-1L, info.logAppendTimeMs());
            assertEquals(4, info.recordCount());
            assertFalse(info.duplicate());
            for (int i = 0; i < 4; i++) {
                expected.add((offset + i) + ":" + codec.kafkaName() + "-" + i);
            }
            offset += 4;
        }
        assertEquals(20, log.logEndOffset());
        assertEquals(expected, readAll(log, 1 << 20));
        assertEquals(expected, readAll(log, 1));

        // every stored batch keeps its producer's codec and gets its stamped epoch
        MemoryRecords all = parse(log.read(0, 1 << 20, log.highWatermark(), false));
        int i = 0;
        for (MutableRecordBatch batch : all.batches()) {
            assertEquals(CompressionType.values()[i++].id(), batch.compressionType().id);
            assertEquals(0, batch.partitionLeaderEpoch());
            assertEquals(TimestampType.CREATE_TIME, batch.timestampType());
        }
    }

    @Test
    void readStopsAtTheHighWatermarkAndHonoursByteLimits() {
        PartitionLog log = open(LogConfig.defaults());
        for (int i = 0; i < 5; i++) {
            append(log, KafkaBatches.spec().count(2).timestamp(T0).valueSize(100));
        }
        ByteBuf extra = KafkaBatches.spec().count(2).timestamp(T0).build();
        try {
            log.appendAsLeader(extra, 0, LogTestSupport.PRODUCE_VERSION);
        } finally {
            extra.release();
        }
        assertEquals(12, log.logEndOffset());
        assertEquals(10, log.highWatermark());
        assertTrue(log.read(10, 1 << 20, log.highWatermark(), true).isEmpty());
        assertTrue(log.read(12, 1 << 20, log.highWatermark(), true).isEmpty());
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(13, 100, 13, true));
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(-1, 100, 13, true));

        FetchDataInfo all = log.read(0, 1 << 20, log.highWatermark(), false);
        int batchSize = all.size() / 5;
        assertEquals(5 * batchSize, all.size());
        // from the middle of a batch: the batch holding it comes whole
        FetchDataInfo mid = log.read(3, 1 << 20, log.highWatermark(), false);
        assertEquals(2, mid.firstBatchBaseOffset());
        assertEquals(4 * batchSize, mid.size());
        // byte limits cut at whole batches
        assertEquals(2 * batchSize, log.read(0, 2 * batchSize + batchSize / 2, 10, false).size());
        // KIP-74: the first batch even when larger than the limit, unless minOneMessage is off
        assertEquals(batchSize, log.read(4, 10, 10, true).size());
        assertTrue(log.read(4, 10, 10, false).isEmpty());
        // a bound below the high watermark
        assertEquals(3 * batchSize, log.read(0, 1 << 20, 6, false).size());
    }

    @Test
    void logAppendTimeRestampsTheBatchWithAValidCrc() {
        PartitionLog log = open(config(LogConfig.MESSAGE_TIMESTAMP_TYPE, "LogAppendTime"));
        clock.set(T0 + 5_000);
        LogAppendInfo info = append(log, KafkaBatches.spec().codec(CompressionType.SNAPPY).count(3).timestamp(T0 - 99_999_999));
        assertEquals(T0 + 5_000, info.logAppendTimeMs());
        assertEquals(T0 + 5_000, info.maxTimestamp());
        MutableRecordBatch batch = parse(log.read(0, 1 << 20, 3, false)).batches().iterator().next();
        batch.ensureValid();
        assertEquals(TimestampType.LOG_APPEND_TIME, batch.timestampType());
        batch.forEach(r -> assertEquals(T0 + 5_000, r.timestamp()));
    }

    @Test
    void createTimeMaxTimestampIsCorrectedWhenTheProducerLied() {
        PartitionLog log = open(LogConfig.defaults());
        ByteBuf buf = KafkaBatches.spec().count(3).timestamp(T0).build();
        try {
            buf.setLong(35, T0 - 1000);
            new dev.millrace.broker.record.RecordBatch(buf, 0).updateCrc();
            LogAppendInfo info = log.appendAsLeader(buf, 0, LogTestSupport.PRODUCE_VERSION);
            assertEquals(T0 + 2, info.maxTimestamp());
        } finally {
            buf.release();
        }
        log.updateHighWatermark(log.logEndOffset());
        MutableRecordBatch batch = parse(log.read(0, 1 << 20, 3, false)).batches().iterator().next();
        batch.ensureValid();
        assertEquals(T0 + 2, batch.maxTimestamp());
    }

    @Test
    void topicCodecRecompressesOnlyWhenItDiffers() {
        PartitionLog log = open(config(LogConfig.COMPRESSION_TYPE, "zstd"));
        append(log, KafkaBatches.spec().codec(CompressionType.GZIP).count(5).timestamp(T0).producer(7, 0, 0));
        ByteBuf zstd = KafkaBatches.spec().codec(CompressionType.ZSTD).count(5).timestamp(T0).producer(7, 0, 5).build();
        byte[] sent;
        try {
            log.appendAsLeader(zstd, 0, LogTestSupport.PRODUCE_VERSION);
            sent = new byte[zstd.readableBytes()];
            zstd.getBytes(0, sent);
        } finally {
            zstd.release();
        }
        log.updateHighWatermark(log.logEndOffset());
        List<MutableRecordBatch> batches = KafkaBatches.batches(parse(log.read(0, 1 << 20, 10, false)));
        assertEquals(2, batches.size());
        for (MutableRecordBatch b : batches) {
            b.ensureValid();
            assertEquals(CompressionType.ZSTD.id(), b.compressionType().id);
            assertEquals(7L, b.producerId());
        }
        assertEquals(0, batches.get(0).baseSequence());
        // the batch already in zstd went to disk byte for byte as stamped
        FetchDataInfo second = log.read(5, 1 << 20, 10, false);
        ByteBuf stored = LogTestSupport.bytes(second);
        try {
            byte[] onDisk = new byte[stored.readableBytes()];
            stored.getBytes(0, onDisk);
            assertArrayEquals(sent, onDisk);
        } finally {
            stored.release();
        }
        assertEquals(10, readAll(log, 1 << 20).size());

        PartitionLog plain = PartitionLog.open(tmp.resolve("plain-0"), config(LogConfig.COMPRESSION_TYPE, "uncompressed"), true, clock);
        opened.add(plain);
        append(plain, KafkaBatches.spec().codec(CompressionType.LZ4).count(3).timestamp(T0));
        assertEquals(CompressionType.NONE.id(),
                parse(plain.read(0, 1 << 20, 3, false)).batches().iterator().next().compressionType().id);
    }

    @Test
    void validationErrorsAppendNothing() {
        PartitionLog log = open(config(LogConfig.MAX_MESSAGE_BYTES, "200"));
        ByteBuf big = KafkaBatches.spec().count(5).valueSize(100).timestamp(T0).build();
        try {
            RecordValidationException e = assertThrows(RecordValidationException.class,
                    () -> log.appendAsLeader(big, 0, LogTestSupport.PRODUCE_VERSION));
            assertEquals(RecordValidationException.Reason.MESSAGE_TOO_LARGE, e.reason());
        } finally {
            big.release();
        }
        assertEquals(0, log.logEndOffset());
        assertEquals(0, log.sizeInBytes());
    }

    @Test
    void rollsBySizeAndLooksUpAcrossSegmentBoundaries() {
        PartitionLog log = open(config(LogConfig.INTERNAL_SEGMENT_BYTES, "1000", LogConfig.INDEX_INTERVAL_BYTES, "150"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            append(log, KafkaBatches.spec().count(1 + i % 3).timestamp(T0).values("v" + i + "-"));
        }
        for (int i = 0; i < 40; i++) {
            for (int r = 0; r < 1 + i % 3; r++) {
                expected.add(expected.size() + ":v" + i + "-" + r);
            }
        }
        assertTrue(log.numberOfSegments() >= 4, "segments: " + log.numberOfSegments());
        for (LogSegment segment : log.segments()) {
            assertTrue(segment.size() <= 1000);
        }
        assertEquals(expected, readAll(log, 1 << 20));
        // every offset, including each segment's first and last, resolves to the batch that holds it
        for (long offset = 0; offset < log.logEndOffset(); offset++) {
            FetchDataInfo info = log.read(offset, 1, log.highWatermark(), true);
            MutableRecordBatch batch = parse(info).batches().iterator().next();
            assertTrue(batch.baseOffset() <= offset && offset <= batch.lastOffset(), "offset " + offset);
        }
        for (long base : log.segmentBaseOffsets()) {
            assertTrue(Files.exists(LogSegment.logFile(log.dir(), base)));
        }
    }

    @Test
    void rollsByTimeAndIndexFull() {
        PartitionLog log = open(config(LogConfig.SEGMENT_MS, "60000"));
        append(log, KafkaBatches.spec().timestamp(clock.getAsLong()));
        clock.advance(30_000);
        append(log, KafkaBatches.spec().timestamp(clock.getAsLong()));
        assertEquals(1, log.numberOfSegments());
        clock.advance(31_000);
        append(log, KafkaBatches.spec().timestamp(clock.getAsLong()));
        assertEquals(2, log.numberOfSegments());
        assertEquals(List.of(0L, 6L), log.segmentBaseOffsets());

        PartitionLog small = PartitionLog.open(tmp.resolve("small-0"),
                config(LogConfig.SEGMENT_INDEX_BYTES, "24", LogConfig.INDEX_INTERVAL_BYTES, "0"), true, clock);
        opened.add(small);
        for (int i = 0; i < 10; i++) {
            append(small, KafkaBatches.spec().count(1).timestamp(T0 + i));
        }
        assertTrue(small.numberOfSegments() >= 3, "segments: " + small.numberOfSegments());
        assertEquals(10, readAll(small, 1 << 20).size());
    }

    @Test
    void retentionByTimeDeletesOldSegmentsAfterTheDelay() throws IOException {
        PartitionLog log = open(config(LogConfig.INTERNAL_SEGMENT_BYTES, "600", LogConfig.RETENTION_MS, "10000",
                LogConfig.FILE_DELETE_DELAY_MS, "1000"));
        for (int i = 0; i < 10; i++) {
            append(log, KafkaBatches.spec().count(2).timestamp(T0 + i * 1000).valueSize(50));
        }
        int before = log.numberOfSegments();
        assertTrue(before > 3);
        assertEquals(0, log.deleteExpiredSegments());
        clock.set(T0 + 13_500);
        int deleted = log.deleteExpiredSegments();
        assertTrue(deleted > 0 && deleted < before, "deleted " + deleted);
        assertEquals(log.segmentBaseOffsets().get(0), log.logStartOffset());
        assertTrue(countFiles(".deleted") > 0);
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(0, 100, log.highWatermark(), true));
        clock.advance(1_000);
        log.deleteExpiredSegments();
        assertEquals(0, countFiles(".deleted"));

        // everything expired: the active segment goes too and a fresh one starts at the log end
        clock.advance(1_000_000);
        log.deleteExpiredSegments();
        assertEquals(1, log.numberOfSegments());
        assertEquals(20, log.logStartOffset());
        assertEquals(20, log.logEndOffset());
        append(log, KafkaBatches.spec().count(2).timestamp(clock.getAsLong()));
        assertEquals(List.of("20:value-0", "21:value-1"), readAll(log, 1 << 20));
    }

    @Test
    void retentionByBytesKeepsTheNewest() throws IOException {
        PartitionLog log = open(config(LogConfig.INTERNAL_SEGMENT_BYTES, "600", LogConfig.RETENTION_BYTES, "1200",
                LogConfig.FILE_DELETE_DELAY_MS, "0"));
        for (int i = 0; i < 12; i++) {
            append(log, KafkaBatches.spec().count(2).timestamp(T0).valueSize(50));
        }
        long total = log.sizeInBytes();
        assertTrue(total > 1200);
        assertTrue(log.deleteExpiredSegments() > 0);
        // Kafka's rule: delete the oldest while what remains stays at or above retention.bytes
        assertTrue(log.sizeInBytes() >= 1200, "size " + log.sizeInBytes());
        assertTrue(log.sizeInBytes() - log.segments().iterator().next().size() < 1200, "size " + log.sizeInBytes());
        assertEquals(0, countFiles(".deleted"));
        assertEquals(log.logEndOffset() - log.logStartOffset(), readAll(log, 1 << 20).size());
    }

    @Test
    void retentionNeverPassesTheHighWatermark() {
        PartitionLog log = open(config(LogConfig.INTERNAL_SEGMENT_BYTES, "300", LogConfig.RETENTION_MS, "1"));
        for (int i = 0; i < 6; i++) {
            append(log, KafkaBatches.spec().count(2).timestamp(T0).valueSize(50));
        }
        log.updateHighWatermark(0);
        clock.advance(1_000_000);
        assertEquals(0, log.deleteExpiredSegments());
    }

    @Test
    void offsetForTimestamp() {
        PartitionLog log = open(config(LogConfig.INTERNAL_SEGMENT_BYTES, "500", LogConfig.INDEX_INTERVAL_BYTES, "100"));
        // offsets 0-2: T0+10, T0+50, T0+20 ; 3-5: T0+30, T0+40, T0+35 ; then more in later segments
        append(log, KafkaBatches.spec().timestamps(T0 + 10, T0 + 50, T0 + 20), 1);
        append(log, KafkaBatches.spec().timestamps(T0 + 30, T0 + 40, T0 + 35), 2);
        for (int i = 0; i < 10; i++) {
            append(log, KafkaBatches.spec().timestamps(T0 + 100 + i * 10, T0 + 101 + i * 10).codec(CompressionType.GZIP), 3);
        }
        assertEquals(26, log.logEndOffset());
        assertTrue(log.numberOfSegments() > 1);

        assertEquals(Optional.of(new TimestampAndOffset(T0 + 10, 0, 1)), log.offsetForTimestamp(T0));
        assertEquals(Optional.of(new TimestampAndOffset(T0 + 50, 1, 1)), log.offsetForTimestamp(T0 + 11));
        assertEquals(Optional.of(new TimestampAndOffset(T0 + 50, 1, 1)), log.offsetForTimestamp(T0 + 50));
        assertEquals(Optional.of(new TimestampAndOffset(T0 + 100, 6, 3)), log.offsetForTimestamp(T0 + 51));
        assertEquals(Optional.of(new TimestampAndOffset(T0 + 151, 17, 3)), log.offsetForTimestamp(T0 + 151));
        assertEquals(Optional.of(new TimestampAndOffset(T0 + 191, 25, 3)), log.offsetForTimestamp(T0 + 191));
        assertEquals(Optional.empty(), log.offsetForTimestamp(T0 + 192));

        assertEquals(0, log.offsetForTimestamp(PartitionLog.EARLIEST_TIMESTAMP).orElseThrow().offset());
        assertEquals(26, log.offsetForTimestamp(PartitionLog.LATEST_TIMESTAMP).orElseThrow().offset());
        assertEquals(3, log.offsetForTimestamp(PartitionLog.LATEST_TIMESTAMP).orElseThrow().leaderEpoch());
        assertEquals(new TimestampAndOffset(T0 + 191, 25, 3), log.offsetForTimestamp(PartitionLog.MAX_TIMESTAMP).orElseThrow());
        assertEquals(Optional.empty(), log.offsetForTimestamp(PartitionLog.LATEST_TIERED_TIMESTAMP));

        // the max timestamp sits in the middle of a batch
        PartitionLog other = PartitionLog.open(tmp.resolve("other-0"), LogConfig.defaults(), true, clock);
        opened.add(other);
        append(other, KafkaBatches.spec().timestamps(T0 + 10, T0 + 50, T0 + 20));
        append(other, KafkaBatches.spec().timestamps(T0 + 30, T0 + 40).codec(CompressionType.LZ4));
        assertEquals(new TimestampAndOffset(T0 + 50, 1, 0), other.offsetForTimestamp(PartitionLog.MAX_TIMESTAMP).orElseThrow());
        // not visible above the high watermark
        other.updateHighWatermark(1);
        assertEquals(Optional.empty(), other.offsetForTimestamp(T0 + 45));
        assertEquals(Optional.empty(), other.offsetForTimestamp(PartitionLog.MAX_TIMESTAMP));
    }

    @Test
    void truncateToDropsTheTailAndAppendsContinue() {
        PartitionLog log = open(config(LogConfig.INTERNAL_SEGMENT_BYTES, "500", LogConfig.INDEX_INTERVAL_BYTES, "50"));
        for (int i = 0; i < 12; i++) {
            append(log, KafkaBatches.spec().count(2).timestamp(T0 + i).values("b" + i + "-"), i < 6 ? 1 : 2);
        }
        assertEquals(24, log.logEndOffset());
        int segmentsBefore = log.numberOfSegments();
        log.truncateTo(14);
        assertEquals(14, log.logEndOffset());
        assertEquals(14, log.highWatermark());
        assertTrue(log.numberOfSegments() <= segmentsBefore);
        assertEquals(List.of(new LeaderEpochCache.EpochEntry(1, 0), new LeaderEpochCache.EpochEntry(2, 12)),
                log.leaderEpochCache().entries());
        List<String> visible = readAll(log, 1 << 20);
        assertEquals(14, visible.size());
        assertEquals("13:b6-1", visible.get(13));
        assertEquals(Optional.empty(), log.offsetForTimestamp(T0 + 7 + 1));
        append(log, KafkaBatches.spec().count(2).timestamp(T0 + 50).values("new-"), 3);
        assertEquals(16, log.logEndOffset());
        assertEquals("15:new-1", readAll(log, 1 << 20).get(15));

        // a cut below the first segment empties the log and restarts it there
        log.truncateTo(0);
        assertEquals(0, log.logEndOffset());
        assertEquals(1, log.numberOfSegments());
        assertTrue(log.leaderEpochCache().entries().isEmpty());
        append(log, KafkaBatches.spec().count(1).timestamp(T0));
        assertEquals(List.of("0:value-0"), readAll(log, 100));
    }

    @Test
    void deleteRecordsMovesTheLogStartOffset() {
        PartitionLog log = open(config(LogConfig.INTERNAL_SEGMENT_BYTES, "400", LogConfig.FILE_DELETE_DELAY_MS, "0"));
        for (int i = 0; i < 10; i++) {
            append(log, KafkaBatches.spec().count(2).timestamp(T0).valueSize(40));
        }
        int segments = log.numberOfSegments();
        assertThrows(OffsetOutOfRangeException.class, () -> log.deleteRecordsBefore(21));
        assertEquals(9, log.deleteRecordsBefore(9));
        assertEquals(9, log.logStartOffset());
        assertTrue(log.numberOfSegments() < segments);
        assertThrows(OffsetOutOfRangeException.class, () -> log.read(8, 100, 20, true));
        FetchDataInfo info = log.read(9, 1 << 20, 20, true);
        assertEquals(8, info.firstBatchBaseOffset());
        assertEquals(9, log.offsetForTimestamp(PartitionLog.EARLIEST_TIMESTAMP).orElseThrow().offset());
        assertEquals(9, log.deleteRecordsBefore(3));
        log.close();

        PartitionLog reopened = open(LogConfig.defaults());
        assertEquals(9, reopened.logStartOffset());
        assertEquals(20, reopened.logEndOffset());
        assertEquals(20, reopened.highWatermark());
    }

    @Test
    void cleanReopenKeepsEverything() {
        LogConfig cfg = config(LogConfig.INTERNAL_SEGMENT_BYTES, "700");
        PartitionLog log = open(cfg);
        for (int i = 0; i < 15; i++) {
            append(log, KafkaBatches.spec().count(3).timestamp(T0 + i * 10).producer(55, 0, i * 3), i / 5);
        }
        log.deleteRecordsBefore(4);
        List<String> before = readAll(log, 1 << 20);
        List<Long> bases = log.segmentBaseOffsets();
        List<LeaderEpochCache.EpochEntry> epochs = log.leaderEpochCache().entries();
        log.close();

        PartitionLog reopened = open(cfg);
        assertEquals(45, reopened.logEndOffset());
        assertEquals(45, reopened.highWatermark());
        assertEquals(4, reopened.logStartOffset());
        assertEquals(45, reopened.recoveryPoint());
        assertEquals(bases, reopened.segmentBaseOffsets());
        assertEquals(epochs, reopened.leaderEpochCache().entries());
        assertEquals(before, readAll(reopened, 1 << 20));
        assertEquals(new TimestampAndOffset(T0 + 140 + 2, 44, 2), reopened.offsetForTimestamp(PartitionLog.MAX_TIMESTAMP).orElseThrow());
        assertEquals(42, reopened.producerState().lastBatchOf(55).firstSequence());
    }

    @Test
    void updateConfigAppliesToTheNextAppend() {
        PartitionLog log = open(LogConfig.defaults());
        append(log, KafkaBatches.spec().count(1).timestamp(T0));
        log.updateConfig(config(LogConfig.MESSAGE_TIMESTAMP_TYPE, "LogAppendTime"));
        assertEquals(T0, append(log, KafkaBatches.spec().count(1).timestamp(T0 - 5)).logAppendTimeMs());
    }

    @Test
    void fileRegionTransfersTheBytesAndLeavesTheSegmentOpen() throws IOException {
        PartitionLog log = open(LogConfig.defaults());
        append(log, KafkaBatches.spec().count(3).timestamp(T0));
        append(log, KafkaBatches.spec().count(3).timestamp(T0));
        FetchDataInfo info = log.read(0, 1 << 20, log.highWatermark(), false);
        io.netty.channel.FileRegion region = info.toFileRegion();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.nio.channels.WritableByteChannel target = java.nio.channels.Channels.newChannel(out);
        while (region.transferred() < region.count()) {
            region.transferTo(target, region.transferred());
        }
        assertTrue(region.release());
        assertEquals(info.size(), out.size());
        assertTrue(info.channel().isOpen());
        assertEquals(6, readAll(log, 1 << 20).size());
    }

    @Test
    void deleteRemovesTheDirectory() {
        PartitionLog log = open(LogConfig.defaults());
        append(log, KafkaBatches.spec().count(1).timestamp(T0));
        log.delete();
        assertFalse(Files.exists(log.dir()));
    }

    private long countFiles(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(tmp.resolve("topic-0"))) {
            return files.filter(p -> p.toString().endsWith(suffix)).count();
        }
    }
}
