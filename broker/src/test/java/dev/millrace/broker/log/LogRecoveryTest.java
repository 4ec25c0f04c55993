package dev.millrace.broker.log;

import static dev.millrace.broker.log.LogTestSupport.T0;
import static dev.millrace.broker.log.LogTestSupport.append;
import static dev.millrace.broker.log.LogTestSupport.config;
import static dev.millrace.broker.log.LogTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.log.LogTestSupport.ManualClock;
import dev.millrace.broker.record.CompressionType;
import dev.millrace.broker.record.KafkaBatches;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRecoveryTest {
    private static final LogConfig CONFIG = config(LogConfig.INTERNAL_SEGMENT_BYTES, "3000", LogConfig.INDEX_INTERVAL_BYTES, "200");

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

    private PartitionLog open(Path dir, boolean clean) {
        PartitionLog log = PartitionLog.open(dir, CONFIG, clean, clock);
        opened.add(log);
        return log;
    }

    /** Writes 60 batches of every codec over several segments; the producer id makes state to rebuild. */
    private List<String> fill(PartitionLog log) {
        CompressionType[] codecs = CompressionType.values();
        for (int i = 0; i < 60; i++) {
            append(log, KafkaBatches.spec().codec(codecs[i % codecs.length]).count(1 + i % 4).timestamp(T0 + i)
                    .producer(9, 0, sequenceBefore(i)).values("b" + i + "-"), i / 20);
        }
        return readAll(log, 1 << 20);
    }

    private static int sequenceBefore(int batch) {
        int seq = 0;
        for (int i = 0; i < batch; i++) {
            seq += 1 + i % 4;
        }
        return seq;
    }

    /** Base offsets and end positions of the batches in a segment file, read with Kafka's parser. */
    private static List<long[]> batchesOf(Path logFile) throws IOException {
        MemoryRecords records = MemoryRecords.readableRecords(ByteBuffer.wrap(Files.readAllBytes(logFile)));
        List<long[]> out = new ArrayList<>();
        long position = 0;
        for (MutableRecordBatch batch : records.batches()) {
            position += batch.sizeInBytes();
            out.add(new long[] {batch.baseOffset(), position, batch.lastOffset()});
        }
        return out;
    }

    private static Path lastLogFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".log")).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void tornTailIsCutAtTheLastWholeBatch() throws IOException {
        Path original = tmp.resolve("orig-0");
        PartitionLog log = open(original, true);
        List<String> all = fill(log);
        int epochsBefore = log.leaderEpochCache().entries().size();
        log.close();
        Path lastFile = lastLogFile(original);
        List<long[]> batches = batchesOf(lastFile);
        long fileSize = Files.size(lastFile);
        Random random = new Random(42);
        for (int trial = 0; trial < 12; trial++) {
            Path dir = tmp.resolve("torn" + trial + "-0");
            copyDir(original, dir);
            long cut = trial == 0 ? fileSize - 1 : 1 + random.nextInt((int) fileSize - 1);
            try (FileChannel ch = FileChannel.open(dir.resolve(lastFile.getFileName()), StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            long expectedEnd = Long.parseLong(lastFile.getFileName().toString().replace(".log", ""));
            for (long[] b : batches) {
                if (b[1] <= cut) {
                    expectedEnd = b[2] + 1;
                }
            }
            PartitionLog recovered = open(dir, false);
            assertEquals(expectedEnd, recovered.logEndOffset(), "cut at " + cut);
            recovered.updateHighWatermark(recovered.logEndOffset());
            assertEquals(all.subList(0, (int) expectedEnd), readAll(recovered, 1 << 20));
            assertTrue(recovered.leaderEpochCache().entries().size() <= epochsBefore);
            assertTrue(recovered.leaderEpochCache().latestEpoch() >= 0);
            // producer state follows the cut: the batch after it is the next expected
            assertEquals(sequenceAt(expectedEnd), recovered.producerState().lastBatchOf(9).lastSequence() + 1);
            LogAppendInfo next = append(recovered, KafkaBatches.spec().count(2).timestamp(T0)
                    .producer(9, 0, sequenceAt(expectedEnd)), 5);
            assertEquals(expectedEnd, next.firstOffset());
            recovered.close();
            PartitionLog again = open(dir, true);
            assertEquals(expectedEnd + 2, again.logEndOffset());
            assertEquals(expectedEnd + 2, readAll(again, 1 << 20).size());
            again.close();
        }
    }

    /** The first offset whose record timestamp is at least T0 + {@code delta} in what {@link #fill} wrote. */
    private static long expectedOffsetFor(long delta) {
        for (int b = 0; b < 60; b++) {
            for (int j = 0; j < 1 + b % 4; j++) {
                if (b + j >= delta) {
                    return sequenceBefore(b) + j;
                }
            }
        }
        return -1;
    }

    private static int sequenceAt(long offset) {
        return (int) offset; // one producer, sequences start at 0 with offset 0
    }

    @Test
    void corruptByteInTheLastBatchIsCut() throws IOException {
        Path dir = tmp.resolve("corrupt-0");
        PartitionLog log = open(dir, true);
        List<String> all = fill(log);
        log.close();
        Path lastFile = lastLogFile(dir);
        List<long[]> batches = batchesOf(lastFile);
        long[] last = batches.get(batches.size() - 1);
        long lastStart = batches.size() == 1 ? 0 : batches.get(batches.size() - 2)[1];
        try (RandomAccessFile raf = new RandomAccessFile(lastFile.toFile(), "rw")) {
            long pos = lastStart + 21 + (last[1] - lastStart - 21) / 2;
            raf.seek(pos);
            int b = raf.read();
            raf.seek(pos);
            raf.write(b ^ 0x10);
        }
        PartitionLog recovered = open(dir, false);
        assertEquals(last[0], recovered.logEndOffset());
        assertEquals(lastStart, Files.size(lastFile));
        assertEquals(all.subList(0, (int) last[0]), readAll(recovered, 1 << 20));
        append(recovered, KafkaBatches.spec().count(1).timestamp(T0).producer(9, 0, (int) last[0]));
        assertEquals(last[0] + 1, recovered.logEndOffset());
    }

    @Test
    void crashWithoutCloseRecoversEverythingWritten() {
        Path dir = tmp.resolve("crash-0");
        PartitionLog log = open(dir, true);
        List<String> all = fill(log);
        long end = log.logEndOffset();
        opened.remove(log); // abandoned: indexes stay preallocated, no snapshot, no checkpoint
        PartitionLog recovered = open(dir, false);
        assertEquals(end, recovered.logEndOffset());
        recovered.updateHighWatermark(end);
        assertEquals(all, readAll(recovered, 1 << 20));
        assertEquals(all, readAll(recovered, 100));
        TimestampAndOffset found = recovered.offsetForTimestamp(T0 + 30).orElseThrow();
        assertEquals(expectedOffsetFor(30), found.offset());
        assertEquals(T0 + 30, found.timestamp());
        assertTrue(append(recovered, KafkaBatches.spec().codec(CompressionType.values()[59 % 5]).count(1 + 59 % 4)
                .timestamp(T0 + 59).producer(9, 0, sequenceBefore(59)).values("b59-"), 2).duplicate());
    }

    @Test
    void corruptionInAnUnflushedMiddleSegmentDropsEverythingAfterIt() throws IOException {
        Path dir = tmp.resolve("middle-0");
        PartitionLog log = open(dir, true);
        List<String> all = fill(log);
        List<Long> bases = log.segmentBaseOffsets();
        assertTrue(bases.size() >= 3);
        opened.remove(log); // crash: recovery point stays at 0
        Path second = LogSegment.logFile(dir, bases.get(1));
        List<long[]> batches = batchesOf(second);
        try (RandomAccessFile raf = new RandomAccessFile(second.toFile(), "rw")) {
            raf.seek(batches.get(0)[1] + 30); // inside the second batch
            raf.write(0x7f);
        }
        PartitionLog recovered = open(dir, false);
        assertEquals(List.of(bases.get(0), bases.get(1)), recovered.segmentBaseOffsets());
        long end = batches.get(0)[2] + 1;
        assertEquals(end, recovered.logEndOffset());
        recovered.updateHighWatermark(end);
        assertEquals(all.subList(0, (int) end), readAll(recovered, 1 << 20));
        for (int i = 2; i < bases.size(); i++) {
            assertFalse(Files.exists(LogSegment.logFile(dir, bases.get(i))));
        }
    }

    @Test
    void deletedIndexFilesAreRebuilt() throws IOException {
        Path dir = tmp.resolve("index-0");
        PartitionLog log = open(dir, true);
        List<String> all = fill(log);
        long end = log.logEndOffset();
        log.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".index") || p.toString().endsWith(".timeindex")).toList()) {
                Files.delete(p);
            }
        }
        PartitionLog reopened = open(dir, true);
        assertEquals(end, reopened.logEndOffset());
        assertEquals(all, readAll(reopened, 1 << 20));
        assertEquals(all, readAll(reopened, 1));
        assertTrue(reopened.segments().iterator().next().offsetIndex().entries() > 0);
        assertTrue(Files.exists(LogSegment.file(dir, 0, LogSegment.TIME_INDEX_SUFFIX)));
        for (int i = 0; i < 60; i += 7) {
            assertEquals(expectedOffsetFor(i), reopened.offsetForTimestamp(T0 + i).orElseThrow().offset());
        }
    }

    @Test
    void garbageIndexIsRebuiltEvenAfterCleanShutdown() throws IOException {
        Path dir = tmp.resolve("garbage-0");
        PartitionLog log = open(dir, true);
        List<String> all = fill(log);
        log.close();
        Path index = LogSegment.file(dir, 0, LogSegment.INDEX_SUFFIX);
        Files.write(index, new byte[64]);
        PartitionLog reopened = open(dir, true);
        assertEquals(all, readAll(reopened, 1));
    }

    @Test
    void leaderEpochCheckpointPersistsAndIsRebuiltWhenLost() throws IOException {
        Path dir = tmp.resolve("epochs-0");
        PartitionLog log = open(dir, true);
        fill(log);
        List<LeaderEpochCache.EpochEntry> expected = List.of(new LeaderEpochCache.EpochEntry(0, 0),
                new LeaderEpochCache.EpochEntry(1, sequenceBefore(20)), new LeaderEpochCache.EpochEntry(2, sequenceBefore(40)));
        assertEquals(expected, log.leaderEpochCache().entries());
        log.close();
        assertEquals(List.of("0", "3", "0 0", "1 " + sequenceBefore(20), "2 " + sequenceBefore(40)),
                Files.readAllLines(dir.resolve(LeaderEpochCache.FILE_NAME)));

        PartitionLog reopened = open(dir, true);
        assertEquals(expected, reopened.leaderEpochCache().entries());
        assertEquals(new EpochEndOffset(1, sequenceBefore(40)), reopened.leaderEpochCache().endOffsetFor(1, reopened.logEndOffset()));
        reopened.close();

        Files.delete(dir.resolve(LeaderEpochCache.FILE_NAME));
        PartitionLog rebuilt = open(dir, true);
        assertEquals(expected, rebuilt.leaderEpochCache().entries());
    }
}
