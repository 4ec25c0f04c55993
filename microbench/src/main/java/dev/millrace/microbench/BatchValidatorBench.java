package dev.millrace.microbench;

import dev.millrace.broker.log.LogConfig;
import dev.millrace.broker.record.BatchValidator;
import dev.millrace.broker.record.RecordBatch;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
 * {@link BatchValidator#validate} of one produced batch of 100 records with 100-byte values, uncompressed,
 * lz4 and gzip, under the default topic rules: framing, CRC32C over the batch, header fields, then every
 * record (decompressing). {@code crc32c} is the checksum alone, to show its share. {@code buffer=heap} holds
 * the batch in a heap buffer; {@code buffer=frame} as the broker receives it: a slice, at an offset, of a
 * direct buffer from Netty's default allocator (what the frame decoder hands the produce path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class BatchValidatorBench {
    private static final short PRODUCE_VERSION = 12;

    @Param({"none", "lz4", "gzip"})
    public String codec;

    @Param({"heap", "frame"})
    public String buffer;

    private ByteBuf batch;
    private ByteBuf frame;
    private final BatchValidator validator = new BatchValidator();
    private final RecordBatch view = new RecordBatch();
    private final BatchValidator.Rules rules = LogConfig.defaults().validationRules();
    private long now;

    @Setup(Level.Trial)
    public void setup() {
        now = System.currentTimeMillis();
        batch = Batches.batch(codec, 100, 100, now - 1000);
        if (buffer.equals("frame")) {
            frame = ByteBufAllocator.DEFAULT.directBuffer(batch.readableBytes() + 64);
            frame.writeZero(64).writeBytes(batch, batch.readerIndex(), batch.readableBytes());
            batch.release();
            batch = frame.retainedSlice(64, frame.readableBytes() - 64);
        } else if (!buffer.equals("heap")) {
            throw new IllegalArgumentException("buffer " + buffer);
        }
        validator.validate(batch, PRODUCE_VERSION, rules, now); // throws if the input were not valid
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        batch.release();
        if (frame != null) {
            frame.release();
        }
    }

    @Benchmark
    public BatchValidator.Result validate() {
        return validator.validate(batch, PRODUCE_VERSION, rules, now);
    }

    @Benchmark
    public long crc32c() {
        return view.wrap(batch, batch.readerIndex()).computeCrc();
    }
}
