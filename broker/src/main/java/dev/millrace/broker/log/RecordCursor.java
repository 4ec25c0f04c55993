package dev.millrace.broker.log;

import io.netty.buffer.ByteBuf;

/**
 * Walks the (uncompressed) records of one batch in a byte array and exposes where each record's parts
 * lie, so the cleaner can hash a key in place and copy a retained record's bytes without decoding it
 * into objects (PROTOCOL.md 2.3). Also writes the zig-zag varints the cleaner needs when it re-encodes a
 * record's timestamp delta. Reused; one thread.
 */
final class RecordCursor {
    private byte[] a;
    private int pos;
    private int end;
    private int remaining;

    /** First byte of the record (its length varint). */
    int start;
    /** First byte of the record body (the attributes byte). */
    int bodyStart;
    /** First byte after the timestamp delta (the offset delta varint). */
    int afterTimestamp;
    /** One past the record's last byte. */
    int recordEnd;
    long timestampDelta;
    int offsetDelta;
    int keyOffset;
    /** -1 for a null key. */
    int keyLength;
    /** -1 for a null value (a tombstone). */
    int valueLength;

    void reset(byte[] array, int from, int to, int recordCount) {
        this.a = array;
        this.pos = from;
        this.end = to;
        this.remaining = recordCount;
    }

    byte[] array() {
        return a;
    }

    /** Moves to the next record; false after the batch's last one. */
    boolean next() {
        if (remaining <= 0) {
            return false;
        }
        remaining--;
        start = pos;
        int length = readVarint();
        bodyStart = pos;
        recordEnd = bodyStart + length;
        if (length < 0 || recordEnd > end) {
            throw corrupt("record length " + length);
        }
        pos++; // attributes
        timestampDelta = readVarlong();
        afterTimestamp = pos;
        offsetDelta = readVarint();
        keyLength = readVarint();
        keyOffset = pos;
        if (keyLength > 0) {
            pos += keyLength;
        }
        valueLength = readVarint();
        if (keyLength < -1 || valueLength < -1 || pos > recordEnd) {
            throw corrupt("key or value length");
        }
        pos = recordEnd;
        return true;
    }

    private int readVarint() {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= end) {
                throw corrupt("varint past the end");
            }
            byte b = a[pos++];
            raw |= (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw corrupt("varint too long");
    }

    private long readVarlong() {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= end) {
                throw corrupt("varlong past the end");
            }
            byte b = a[pos++];
            raw |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw corrupt("varlong too long");
    }

    private static LogStorageException corrupt(String what) {
        return new LogStorageException("Corrupt record in a segment being cleaned: " + what);
    }

    static void writeVarint(ByteBuf out, int value) {
        writeVarlong(out, value);
    }

    static void writeVarlong(ByteBuf out, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    static int sizeOfVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        int bytes = 1;
        while ((v & ~0x7FL) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }
}
