package dev.millrace.microbench;

import dev.millrace.broker.log.FetchDataInfo;
import dev.millrace.broker.log.LogConfig;
import dev.millrace.broker.log.PartitionLog;
import dev.millrace.broker.record.RecordBatch;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The fetch read of one partition, as {@code FetchHandler.FetchReader} does it through {@code Partition#read}:
 * {@link PartitionLog#read} up to the high watermark with {@code minOneMessage}, which finds the segment,
 * looks the offset up in the index, scans to the batch and bounds the range by {@code maxBytes} on whole
 * batches. It returns a file range; no record bytes are read or copied. The log holds 4096 uncompressed
 * 16 KiB batches of 100 records (64 MiB, one segment), written at setup; fetch offsets are random within it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class LogReadBench {
    private static final int BATCHES = 4096;
    private static final int MASK = 4095;

    /** 1 MiB is the consumer's default max.partition.fetch.bytes. */
    @Param({"1048576"})
    public int maxBytes;

    private Path dir;
    private PartitionLog log;
    private long highWatermark;
    private final long[] offsets = new long[MASK + 1];
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        dir = Batches.tempDir("millrace-read").resolve("bench-0");
        log = PartitionLog.open(dir, LogConfig.defaults(), true, System::currentTimeMillis);
        ByteBuf batch = Batches.batch("none", 100, 147, System.currentTimeMillis());
        try {
            for (int i = 0; i < BATCHES; i++) {
                batch.setLong(RecordBatch.BASE_OFFSET_OFFSET, 0L); // the log stamped it on the previous append
                log.appendAsLeader(batch, 0, (short) 12);
            }
        } finally {
            batch.release();
        }
        highWatermark = log.logEndOffset();
        log.updateHighWatermark(highWatermark);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i <= MASK; i++) {
            offsets[i] = random.nextLong(highWatermark);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        log.close();
        Batches.deleteRecursively(dir.getParent());
    }

    @Benchmark
    public FetchDataInfo read() {
        return log.read(offsets[next++ & MASK], maxBytes, highWatermark, true);
    }
}
