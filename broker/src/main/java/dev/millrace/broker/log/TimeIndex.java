package dev.millrace.broker.log;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * A segment's {@code .timeindex}: entries of (max timestamp seen so far, relative offset of a batch
 * holding it), 8 + 4 bytes. Timestamps strictly increase from entry to entry, so an entry (T, O) says
 * every record up to offset O has a timestamp of at most T.
 */
final class TimeIndex extends SparseIndex {
    static final int ENTRY_SIZE = 12;

    /** An index entry; timestamp -1 means "no entry, start at the segment". */
    record Entry(long timestamp, long offset) {
    }

    TimeIndex(Path file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    @Override
    protected long keyAt(MappedByteBuffer buf, int slot) {
        return buf.getLong(slot * ENTRY_SIZE);
    }

    private Entry entryAt(MappedByteBuffer buf, int slot) {
        return new Entry(buf.getLong(slot * ENTRY_SIZE), baseOffset + buf.getInt(slot * ENTRY_SIZE + 8));
    }

    /**
     * The last entry whose timestamp is strictly below {@code timestamp}: records up to its offset are
     * all older than the target, so a search may start after them. (-1, base offset) when none.
     */
    Entry lookupBefore(long timestamp) {
        int count = entries();
        MappedByteBuffer buf = buffer();
        int slot = largestSlotAtMost(buf, count, timestamp, true);
        return slot < 0 ? new Entry(-1L, baseOffset) : entryAt(buf, slot);
    }

    /** The last entry, or (-1, base offset) when empty. */
    Entry lastEntry() {
        int count = entries();
        return count == 0 ? new Entry(-1L, baseOffset) : entryAt(buffer(), count - 1);
    }

    /**
     * Adds (timestamp, offset) when the timestamp is above the last entry's. {@code skipFullCheck} lets
     * the final entry of a segment in even when the index is full, reusing the last slot's room.
     */
    void maybeAppend(long timestamp, long offset, boolean skipFullCheck) {
        if (timestamp < 0) {
            return;
        }
        int count = entries();
        Entry last = lastEntry();
        if (count > 0 && timestamp <= last.timestamp()) {
            return;
        }
        if (count > 0 && offset < last.offset()) {
            throw new IllegalStateException("Time index offset " + offset + " below last entry " + last.offset()
                    + " in " + file());
        }
        if (isFull()) {
            if (!skipFullCheck) {
                throw new IllegalStateException("Time index " + file() + " is full");
            }
            // overwrite the last slot: its timestamp is smaller and its offset not larger
            MappedByteBuffer buf = buffer();
            buf.putLong((count - 1) * ENTRY_SIZE, timestamp);
            buf.putInt((count - 1) * ENTRY_SIZE + 8, relativeOffset(offset));
            return;
        }
        MappedByteBuffer buf = bufferForAppend();
        buf.putLong(count * ENTRY_SIZE, timestamp);
        buf.putInt(count * ENTRY_SIZE + 8, relativeOffset(offset));
        setEntries(count + 1);
    }

    /** Drops entries for offsets at or above {@code offset}. */
    void truncateTo(long offset) {
        int count = entries();
        MappedByteBuffer buf = buffer();
        int keep = count;
        while (keep > 0 && entryAt(buf, keep - 1).offset() >= offset) {
            keep--;
        }
        setEntries(keep);
    }

    /** Cheap trust check: the last entry's offset inside the segment, timestamps ascending at the end. */
    boolean looksValid() {
        int count = entries();
        if (count == 0) {
            return true;
        }
        MappedByteBuffer buf = buffer();
        Entry last = entryAt(buf, count - 1);
        if (last.offset() < baseOffset) {
            return false;
        }
        if (count > 1) {
            Entry previous = entryAt(buf, count - 2);
            return previous.timestamp() < last.timestamp() && previous.offset() <= last.offset();
        }
        return true;
    }
}
