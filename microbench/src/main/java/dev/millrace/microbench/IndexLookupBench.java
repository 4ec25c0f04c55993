package dev.millrace.microbench;

import dev.millrace.broker.log.IndexBenchAccess;
import java.io.IOException;
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
 * Offset index and time index lookup on full indexes of the default {@code segment.index.bytes} (10 MiB:
 * 1,310,720 offset entries, 873,813 time entries), memory-mapped from a temporary directory. Targets come
 * from a precomputed table of 4096: {@code random} spreads them over the whole index; {@code tail} keeps them
 * in the last 1024 entries, where consumers that keep up (and Kafka's "warm section" search) look.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class IndexLookupBench {
    private static final long BASE = 1_000_000L;
    private static final int STEP = 10;
    private static final long T0 = 1_700_000_000_000L;
    private static final int MASK = 4095;

    @Param({"random", "tail"})
    public String targets;

    private Path dir;
    private IndexBenchAccess index;
    private final long[] offsetTargets = new long[MASK + 1];
    private final long[] timeTargets = new long[MASK + 1];
    private int next;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Batches.tempDir("millrace-index");
        index = new IndexBenchAccess(dir, BASE, 10 * 1024 * 1024, STEP, T0);
        SplittableRandom random = new SplittableRandom(42);
        int offsetEntries = index.offsetEntries();
        int timeEntries = index.timeEntries();
        for (int i = 0; i <= MASK; i++) {
            int o = targets.equals("tail") ? offsetEntries - 1 - random.nextInt(1024) : random.nextInt(offsetEntries);
            int t = targets.equals("tail") ? timeEntries - 1 - random.nextInt(1024) : random.nextInt(timeEntries);
            offsetTargets[i] = BASE + (long) o * STEP + random.nextInt(STEP);
            timeTargets[i] = T0 + t + 1;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        index.close();
        Batches.deleteRecursively(dir);
    }

    @Benchmark
    public int offsetIndexLookup() {
        return index.positionFor(offsetTargets[next++ & MASK]);
    }

    @Benchmark
    public long timeIndexLookup() {
        return index.offsetBefore(timeTargets[next++ & MASK]);
    }
}
