package dev.millrace.broker.log;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * A segment's {@code .index}: entries of (last offset of a batch relative to the segment base, file
 * position where that batch starts), 4 + 4 bytes, ascending in both. Each position is a batch boundary,
 * which is what lets a read end on whole batches without scanning from its start.
 */
final class OffsetIndex extends SparseIndex {
    static final int ENTRY_SIZE = 8;

    /** An index entry, or the segment start when no entry applies. */
    record Entry(long offset, int position) {
    }

    OffsetIndex(Path file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    @Override
    protected long keyAt(MappedByteBuffer buf, int slot) {
        return buf.getInt(slot * ENTRY_SIZE);
    }

    private Entry entryAt(MappedByteBuffer buf, int slot) {
        return new Entry(baseOffset + buf.getInt(slot * ENTRY_SIZE), buf.getInt(slot * ENTRY_SIZE + 4));
    }

    /** The last entry with offset at most {@code offset}; (base offset, 0) when none. */
    Entry lookup(long offset) {
        int count = entries();
        MappedByteBuffer buf = buffer();
        long relative = offset - baseOffset;
        if (count == 0 || relative < 0) {
            return new Entry(baseOffset, 0);
        }
        int slot = largestSlotAtMost(buf, count, Math.min(relative, Integer.MAX_VALUE), false);
        return slot < 0 ? new Entry(baseOffset, 0) : entryAt(buf, slot);
    }

    /** The last entry whose batch starts at or before {@code position}; (base offset, 0) when none. */
    Entry lookupByPosition(int position) {
        int count = entries();
        MappedByteBuffer buf = buffer();
        int lo = 0;
        int hi = count - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (buf.getInt(mid * ENTRY_SIZE + 4) <= position) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? new Entry(baseOffset, 0) : entryAt(buf, found);
    }

    /** The last entry, or (base offset, 0) when empty. */
    Entry lastEntry() {
        int count = entries();
        return count == 0 ? new Entry(baseOffset, 0) : entryAt(buffer(), count - 1);
    }

    /** Adds an entry; offsets must increase. */
    void append(long offset, int position) {
        int count = entries();
        if (count > 0 && offset <= lastEntry().offset()) {
            throw new IllegalStateException("Offset index entry " + offset + " is not above the last entry "
                    + lastEntry().offset() + " in " + file());
        }
        if (isFull()) {
            throw new IllegalStateException("Offset index " + file() + " is full");
        }
        MappedByteBuffer buf = bufferForAppend();
        buf.putInt(count * ENTRY_SIZE, relativeOffset(offset));
        buf.putInt(count * ENTRY_SIZE + 4, position);
        setEntries(count + 1);
    }

    /** Drops entries for offsets at or above {@code offset} (their batches were truncated away). */
    void truncateTo(long offset) {
        int count = entries();
        long relative = offset - baseOffset;
        if (relative <= 0) {
            setEntries(0);
            return;
        }
        int slot = largestSlotAtMost(buffer(), count, Math.min(relative, Integer.MAX_VALUE), true);
        setEntries(slot + 1);
    }

    /**
     * Whether the entries can be trusted: offsets and positions ascending near the end, and every
     * position inside a log of {@code logSize} bytes. Cheap (checks the last entries only), like Kafka's.
     */
    boolean looksValid(int logSize) {
        int count = entries();
        if (count == 0) {
            return true;
        }
        MappedByteBuffer buf = buffer();
        Entry last = entryAt(buf, count - 1);
        if (last.position() >= logSize || last.position() < 0 || last.offset() < baseOffset) {
            return false;
        }
        if (count > 1) {
            Entry previous = entryAt(buf, count - 2);
            return previous.offset() < last.offset() && previous.position() < last.position();
        }
        return true;
    }
}
