package dev.millrace.broker.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Benchmark-only bridge to the package-private {@link OffsetIndex} and {@link TimeIndex} (it lives in the
 * microbench module, in the broker's package, so the broker keeps them package-private). Lookups return a
 * primitive out of the entry, as {@code LogSegment} uses them.
 */
public final class IndexBenchAccess implements AutoCloseable {
    private final OffsetIndex offsets;
    private final TimeIndex times;

    /**
     * Creates both indexes of a segment based at {@code baseOffset} in {@code dir}, sized like
     * {@code segment.index.bytes = maxIndexBytes}, and fills each until full: entry i is for offset
     * {@code baseOffset + i * offsetStep}, file position {@code i * 4096}, timestamp {@code t0 + i}.
     */
    public IndexBenchAccess(Path dir, long baseOffset, int maxIndexBytes, int offsetStep, long t0) throws IOException {
        offsets = new OffsetIndex(dir.resolve(String.format("%020d.index", baseOffset)), baseOffset, maxIndexBytes);
        times = new TimeIndex(dir.resolve(String.format("%020d.timeindex", baseOffset)), baseOffset, maxIndexBytes);
        for (int i = 0; !offsets.isFull(); i++) {
            offsets.append(baseOffset + (long) i * offsetStep, i * 4096);
        }
        for (int i = 0; !times.isFull(); i++) {
            times.maybeAppend(t0 + i, baseOffset + (long) i * offsetStep, false);
        }
    }

    public int offsetEntries() {
        return offsets.entries();
    }

    public int timeEntries() {
        return times.entries();
    }

    /** File position of the last offset-index entry at or below {@code offset}. */
    public int positionFor(long offset) {
        return offsets.lookup(offset).position();
    }

    /** Offset of the last time-index entry strictly before {@code timestamp}. */
    public long offsetBefore(long timestamp) {
        return times.lookupBefore(timestamp).offset();
    }

    @Override
    public void close() {
        offsets.close();
        times.close();
    }
}
