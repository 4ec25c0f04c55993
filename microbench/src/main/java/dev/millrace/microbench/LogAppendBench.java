package dev.millrace.microbench;

import dev.millrace.broker.log.LogAppendInfo;
import dev.millrace.broker.log.LogConfig;
import dev.millrace.broker.log.PartitionLog;
import dev.millrace.broker.record.RecordBatch;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link PartitionLog#appendAsLeader} of an uncompressed 16 KiB batch (100 records) into a log in a temporary
 * directory with the default topic config: validation (CRC32C, every record), stamping, the segment write into
 * the page cache and the index entries; no fsync (flush.messages and flush.ms are off by default). Segments
 * roll at the default 1 GiB, so a roll (new files, 10 MiB index preallocation) is amortised in as in
 * production. Each iteration starts on a fresh log, deleted afterwards, so the disk use stays bounded.
 * The same buffer is appended every time: the log stamps the base offset in place, so each op first puts
 * it back to 0, as a producer sends it (one 8-byte store; the base offset is outside the CRC).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class LogAppendBench {
    private static final short PRODUCE_VERSION = 12;

    private ByteBuf batch;
    private Path dir;
    private PartitionLog log;

    @Setup(Level.Trial)
    public void setupBatch() {
        batch = Batches.batch("none", 100, 147, System.currentTimeMillis());
        int size = batch.readableBytes();
        if (size < 16_000 || size > 16_500) {
            throw new IllegalStateException("batch is " + size + " bytes, not about 16 KiB");
        }
    }

    @Setup(Level.Iteration)
    public void openLog() {
        dir = Batches.tempDir("millrace-append").resolve("bench-0");
        log = PartitionLog.open(dir, LogConfig.defaults(), true, System::currentTimeMillis);
    }

    @TearDown(Level.Iteration)
    public void closeLog() {
        log.close();
        Batches.deleteRecursively(dir.getParent());
    }

    @TearDown(Level.Trial)
    public void releaseBatch() {
        batch.release();
    }

    @Benchmark
    public LogAppendInfo appendAsLeader() {
        batch.setLong(RecordBatch.BASE_OFFSET_OFFSET, 0L);
        return log.appendAsLeader(batch, 0, PRODUCE_VERSION);
    }
}
