package dev.millrace.broker.log;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A memory-mapped file of fixed-size entries sorted by a key, shared by {@link OffsetIndex} and
 * {@link TimeIndex}. Sparse: one entry per {@code index.interval.bytes} of log, so lookups land near
 * the target and a short scan of the segment finishes the job.
 *
 * <p>One writer (the partition's owner) appends and truncates; any thread may look up. An entry is
 * written before the volatile entry count that publishes it, and lookups only read below that count,
 * so readers need no lock. Old mappings are left to the garbage collector instead of being unmapped
 * by force, because a reader may still hold one: a forced unmap under a reader crashes the JVM.
 */
abstract class SparseIndex implements AutoCloseable {
    protected final long baseOffset;
    private final int entrySize;
    private final int maxIndexSize;
    private volatile Path file;
    private volatile MappedByteBuffer mmap;
    private volatile int entries;

    /**
     * Opens or creates the index. An existing file's entries are all taken as valid: a file trimmed on
     * close is exact, and one left preallocated by a crash is rebuilt by recovery.
     */
    protected SparseIndex(Path file, long baseOffset, int maxIndexSize, int entrySize) throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        this.maxIndexSize = Math.max(entrySize, maxIndexSize - maxIndexSize % entrySize);
        boolean exists = Files.exists(file) && Files.size(file) > 0;
        if (exists) {
            long length = Files.size(file);
            long usable = Math.min(length - length % entrySize, this.maxIndexSize);
            map(Math.max(usable, 0));
            this.entries = (int) (usable / entrySize);
        } else {
            map(this.maxIndexSize);
            this.entries = 0;
        }
    }

    private void map(long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
            mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
        }
    }

    public Path file() {
        return file;
    }

    public long baseOffset() {
        return baseOffset;
    }

    public int entries() {
        return entries;
    }

    public int maxEntries() {
        return maxIndexSize / entrySize;
    }

    public boolean isFull() {
        return entries >= maxEntries();
    }

    /** Size of the file's meaningful part. */
    public int sizeInBytes() {
        return entries * entrySize;
    }

    /** The mapping entries are read from; captured once per lookup so a remap cannot split it. */
    protected MappedByteBuffer buffer() {
        return mmap;
    }

    protected int entrySize() {
        return entrySize;
    }

    /** Makes room for one more entry, growing a trimmed mapping back to the maximum size. */
    protected MappedByteBuffer bufferForAppend() {
        int needed = (entries + 1) * entrySize;
        if (mmap.capacity() < needed) {
            try {
                map(maxIndexSize);
            } catch (IOException e) {
                throw new LogStorageException("Cannot grow index " + file, e);
            }
        }
        return mmap;
    }

    /** Publishes entries written below {@code count}. */
    protected void setEntries(int count) {
        entries = count;
    }

    protected int relativeOffset(long offset) {
        long relative = offset - baseOffset;
        if (relative < 0 || relative > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Offset " + offset + " does not fit an index based at " + baseOffset);
        }
        return (int) relative;
    }

    /**
     * Binary search over {@code [0, count)} for the last entry whose key is at most (or, when strict,
     * below) {@code target}; -1 when none.
     */
    protected int largestSlotAtMost(MappedByteBuffer buf, int count, long target, boolean strict) {
        int lo = 0;
        int hi = count - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long key = keyAt(buf, mid);
            if (key < target || (!strict && key == target)) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The sort key of entry {@code slot}. */
    protected abstract long keyAt(MappedByteBuffer buf, int slot);

    /** Forgets every entry (before a rebuild). */
    public void reset() {
        setEntries(0);
    }

    /** Shrinks the file to its entries; done when a segment stops being active and on close. */
    public void trimToValidSize() {
        try {
            map(sizeInBytes());
        } catch (IOException e) {
            throw new LogStorageException("Cannot trim index " + file, e);
        }
    }

    public void flush() {
        mmap.force();
    }

    /** Renames the file (e.g. to its .deleted name); the mapping stays valid. */
    public void renameTo(Path target) throws IOException {
        if (Files.exists(file)) {
            // replacing: a segment cleaned twice goes to the same .deleted name while the first copy
            // still waits for its delay; both are doomed, and open readers keep their file alive
            Files.move(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        file = target;
    }

    public void deleteIfExists() throws IOException {
        Files.deleteIfExists(file);
    }

    /** Trims the file; the mapping is released by the garbage collector. */
    @Override
    public void close() {
        if (Files.exists(file)) {
            trimToValidSize();
        }
    }
}
