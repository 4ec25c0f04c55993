package dev.millrace.broker.record;

import dev.millrace.broker.record.RecordValidationException.Reason;
import io.netty.buffer.ByteBuf;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Walks the records of one batch, exposing each record's fields through getters (a cursor, not
 * objects). Keys, values and headers are skipped over, never copied, so even a compressed batch is
 * read with one reusable chunk buffer: an inflated record of any size costs no memory.
 *
 * <p>Malformed records throw {@link RecordValidationException} with {@link Reason#INVALID_RECORD}; a
 * codec stream that cannot be decoded throws it with {@link Reason#CORRUPT_MESSAGE}. Reuse one reader
 * per thread; {@link #close()} ends the current batch (the reader stays usable).
 */
public final class RecordReader implements AutoCloseable {
    private static final int CHUNK_SIZE = 16 * 1024;

    // uncompressed source: the batch's records section as its backing array (heap buffers) or else an NIO
    // view (direct ones), read by absolute index. Either is one bounds check per byte; ByteBuf.getByte on
    // a slice of a pooled buffer costs a chain of virtual calls and checks per byte, which made the record
    // walk the produce path's top cost.
    private byte[] array;
    private ByteBuffer view;
    private int bufPos;
    private int bufEnd;

    // compressed source: the decompressing stream, buffered through one reused chunk
    private InputStream stream;
    private byte[] chunk;
    private int chunkPos;
    private int chunkLimit;

    private int remainingRecords;
    private long consumed;

    private byte attributes;
    private long timestampDelta;
    private int offsetDelta;
    private int keyLength;
    private int valueLength;
    private int headerCount;

    /** Starts reading {@code batch}'s records; the batch's buffer must stay alive until close. */
    public RecordReader open(RecordBatch batch) {
        close();
        remainingRecords = batch.recordCount();
        consumed = 0;
        CompressionType codec = batch.compression();
        int start = batch.index() + RecordBatch.HEADER_SIZE;
        int end = batch.index() + batch.sizeInBytes();
        if (codec == CompressionType.NONE) {
            ByteBuf source = batch.buffer();
            if (source.hasArray()) {
                array = source.array();
                bufPos = source.arrayOffset() + start;
                bufEnd = source.arrayOffset() + end;
            } else {
                view = source.nioBuffer(start, end - start);
                bufPos = 0;
                bufEnd = end - start;
            }
        } else {
            if (chunk == null) {
                chunk = new byte[CHUNK_SIZE];
            }
            chunkPos = 0;
            chunkLimit = 0;
            try {
                stream = codec.decompress(batch.buffer().slice(start, end - start));
            } catch (IOException | RuntimeException e) {
                throw corrupt(codec, e);
            }
        }
        return this;
    }

    /**
     * Moves to the next record. Returns false once all {@code recordsCount} records were read, after
     * checking nothing follows them.
     */
    public boolean next() {
        if (remainingRecords <= 0) {
            ensureNothingRemains();
            return false;
        }
        remainingRecords--;
        int length = readVarint();
        if (length < 0) {
            throw invalid("negative record length " + length);
        }
        long bodyStart = consumed;
        long bodyEnd = bodyStart + length;
        attributes = readByte();
        timestampDelta = readVarlong();
        offsetDelta = readVarint();
        keyLength = readVarint();
        if (keyLength < -1) {
            throw invalid("invalid key length " + keyLength);
        }
        skip(keyLength, bodyEnd);
        valueLength = readVarint();
        if (valueLength < -1) {
            throw invalid("invalid value length " + valueLength);
        }
        skip(valueLength, bodyEnd);
        headerCount = readVarint();
        if (headerCount < 0) {
            throw invalid("invalid header count " + headerCount);
        }
        for (int i = 0; i < headerCount; i++) {
            int headerKeyLength = readVarint();
            if (headerKeyLength < 0) {
                throw invalid("invalid header key length " + headerKeyLength);
            }
            skip(headerKeyLength, bodyEnd);
            int headerValueLength = readVarint();
            if (headerValueLength < -1) {
                throw invalid("invalid header value length " + headerValueLength);
            }
            skip(headerValueLength, bodyEnd);
        }
        if (consumed != bodyEnd) {
            throw invalid("record size " + length + " does not match its content (" + (consumed - bodyStart) + " bytes)");
        }
        return true;
    }

    public byte recordAttributes() {
        return attributes;
    }

    public long timestampDelta() {
        return timestampDelta;
    }

    public int offsetDelta() {
        return offsetDelta;
    }

    /** -1 for a null key. */
    public int keyLength() {
        return keyLength;
    }

    /** -1 for a null value (a tombstone on compacted topics). */
    public int valueLength() {
        return valueLength;
    }

    public int headerCount() {
        return headerCount;
    }

    @Override
    public void close() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // only releases codec buffers; nothing was written
            }
            stream = null;
        }
        array = null;
        view = null;
    }

    private void ensureNothingRemains() {
        if (stream == null) {
            if (bufPos != bufEnd) {
                throw invalid((bufEnd - bufPos) + " bytes remain after the declared records");
            }
            return;
        }
        if (chunkPos < chunkLimit || fillChunk() > 0) {
            throw invalid("the compressed stream holds more data than the declared records");
        }
    }

    private byte readByte() {
        consumed++;
        if (stream == null) {
            if (bufPos >= bufEnd) {
                throw invalid("record extends past the end of the batch");
            }
            return array != null ? array[bufPos++] : view.get(bufPos++);
        }
        if (chunkPos == chunkLimit && fillChunk() <= 0) {
            throw invalid("record extends past the end of the compressed stream");
        }
        return chunk[chunkPos++];
    }

    private void skip(int length, long bodyEnd) {
        if (length <= 0) {
            return;
        }
        if (consumed + length > bodyEnd) {
            throw invalid("field of " + length + " bytes extends past its record");
        }
        consumed += length;
        if (stream == null) {
            if (length > bufEnd - bufPos) {
                throw invalid("record extends past the end of the batch");
            }
            bufPos += length;
            return;
        }
        int left = length;
        while (left > 0) {
            if (chunkPos == chunkLimit && fillChunk() <= 0) {
                throw invalid("record extends past the end of the compressed stream");
            }
            int n = Math.min(left, chunkLimit - chunkPos);
            chunkPos += n;
            left -= n;
        }
    }

    private int fillChunk() {
        try {
            int n = stream.read(chunk, 0, chunk.length);
            chunkPos = 0;
            chunkLimit = Math.max(n, 0);
            return n;
        } catch (EOFException e) {
            throw invalid("the compressed stream ends early: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw corrupt(null, e);
        }
    }

    private int readVarint() {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = readByte();
            raw |= (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw invalid("varint longer than 5 bytes");
    }

    private long readVarlong() {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = readByte();
            raw |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw invalid("varlong longer than 10 bytes");
    }

    private static RecordValidationException invalid(String message) {
        return new RecordValidationException(Reason.INVALID_RECORD, "Invalid record: " + message);
    }

    private static RecordValidationException corrupt(CompressionType codec, Exception e) {
        return new RecordValidationException(Reason.CORRUPT_MESSAGE,
                "Cannot decompress the records" + (codec == null ? "" : " (" + codec.kafkaName() + ")")
                        + ": " + e, e);
    }
}
