package dev.millrace.broker.log;

import static dev.millrace.broker.log.LogTestSupport.T0;
import static dev.millrace.broker.log.LogTestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.record.CompressionType;
import dev.millrace.broker.record.KafkaBatches;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers on other threads see only whole, valid batches below the high watermark while the owner appends, rolls and deletes. */
class ConcurrentReadTest {
    @TempDir
    Path tmp;

    @Test
    void readersSeeOnlyCommittedWholeBatches() throws Exception {
        AtomicLong clock = new AtomicLong(T0);
        PartitionLog log = PartitionLog.open(tmp.resolve("race-0"), config(LogConfig.INTERNAL_SEGMENT_BYTES, "4000",
                LogConfig.INDEX_INTERVAL_BYTES, "300", LogConfig.RETENTION_BYTES, "40000", LogConfig.FILE_DELETE_DELAY_MS, "1000"),
                true, clock::get);
        AtomicBoolean done = new AtomicBoolean();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicLong reads = new AtomicLong();
        Runnable reader = () -> {
            try {
                while (!done.get()) {
                    long start = log.logStartOffset();
                    long hw = log.highWatermark();
                    if (hw <= start) {
                        continue;
                    }
                    long offset = ThreadLocalRandom.current().nextLong(start, hw);
                    FetchDataInfo info;
                    try {
                        info = log.read(offset, ThreadLocalRandom.current().nextInt(1, 6000), hw, true);
                    } catch (OffsetOutOfRangeException raced) {
                        continue; // retention moved the start past our offset meanwhile
                    }
                    long expected = -1;
                    for (MutableRecordBatch batch : LogTestSupport.parse(info).batches()) {
                        batch.ensureValid();
                        assertTrue(batch.lastOffset() < hw, "batch past the high watermark");
                        if (expected >= 0) {
                            assertEquals(expected, batch.baseOffset());
                        } else {
                            assertTrue(batch.baseOffset() <= offset && offset <= batch.lastOffset());
                        }
                        expected = batch.lastOffset() + 1;
                    }
                    assertTrue(expected > offset, "nothing read at " + offset);
                    Optional<TimestampAndOffset> ts = log.offsetForTimestamp(T0 + offset);
                    ts.ifPresent(t -> assertTrue(t.offset() < hw));
                    reads.incrementAndGet();
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        };
        Thread[] readers = new Thread[3];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new Thread(reader, "reader-" + i);
            readers[i].start();
        }
        CompressionType[] codecs = CompressionType.values();
        long offset = 0;
        for (int i = 0; i < 1500; i++) {
            int count = 1 + i % 5;
            ByteBuf buf = KafkaBatches.spec().codec(codecs[i % codecs.length]).count(count).timestamp(T0 + offset)
                    .valueSize(20 + i % 90).build();
            try {
                log.appendAsLeader(buf, 0, LogTestSupport.PRODUCE_VERSION);
            } finally {
                buf.release();
            }
            offset += count;
            log.updateHighWatermark(log.logEndOffset());
            if (i % 50 == 0) {
                clock.addAndGet(20);
                log.deleteExpiredSegments();
            }
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        log.close();
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.get(0));
        }
        assertTrue(reads.get() > 100, "reads: " + reads.get());
        assertTrue(log.logStartOffset() > 0);
    }
}
