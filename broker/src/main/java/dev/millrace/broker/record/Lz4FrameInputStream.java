package dev.millrace.broker.record;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.StreamingXXHash32;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * A decoder of one LZ4 frame read straight from a {@link ByteBuf}, whose block buffers are kept and reused
 * across batches. It replaces lz4-java's {@code LZ4FrameInputStream}, which allocates two block buffers
 * (64 KiB each for Kafka's frames) for every stream it opens, i.e. for every compressed batch.
 *
 * <p>It accepts exactly what {@code new LZ4FrameInputStream(in, safeDecompressor, hash32, true)} accepts and
 * fails with the same {@link IOException} messages: leading skippable frames are skipped; the frame must
 * have version 01, independent blocks, no dictionary id and zero reserved bits, and a block maximum size of
 * 64 KiB to 4 MiB; the descriptor checksum is always verified, block and content checksums and the content
 * size when the flags declare them; an uncompressed block (high bit of its size) is copied as is; reading
 * stops at the first frame's end mark, whatever follows it. One difference: lz4-java 1.8.1 lets an invalid
 * FLG or BD byte out as a bare {@code RuntimeException}; here it is an {@code IOException} ("Invalid or
 * unsupported frame descriptor", as later lz4-java versions wrap it) like every other decoding failure.
 *
 * <p>{@link #open(ByteBuf)} lends the calling thread's instance (or a new one if that is still open, so
 * nested streams on one thread stay correct); {@link #close()} gives it back. Not thread-safe; a stream must
 * not be used after it is closed.
 */
final class Lz4FrameInputStream extends InputStream {
    static final String PREMATURE_EOS = "Stream ended prematurely";
    static final String NOT_SUPPORTED = "Stream unsupported";
    static final String BLOCK_HASH_MISMATCH = "Block checksum mismatch";
    static final String DESCRIPTOR_HASH_MISMATCH = "Stream frame descriptor corrupted";
    static final String INVALID_DESCRIPTOR = "Invalid or unsupported frame descriptor";

    private static final int MAGIC = 0x184D2204;
    private static final int MAGIC_SKIPPABLE_BASE = 0x184D2A50;
    private static final int INCOMPRESSIBLE_MASK = 0x80000000;
    private static final int FLG_VERSION_MASK = 0xC0;
    private static final int FLG_VERSION_01 = 0x40;
    private static final int FLG_BLOCK_INDEPENDENCE = 0x20;
    private static final int FLG_BLOCK_CHECKSUM = 0x10;
    private static final int FLG_CONTENT_SIZE = 0x08;
    private static final int FLG_CONTENT_CHECKSUM = 0x04;
    private static final int FLG_RESERVED = 0x03; // bit 1 reserved, bit 0 the dictionary id lz4-java refuses
    private static final int BD_RESERVED = 0x8F;

    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash32 HASH = XXHashFactory.fastestInstance().hash32();
    private static final ThreadLocal<Lz4FrameInputStream> PER_THREAD = ThreadLocal.withInitial(Lz4FrameInputStream::new);

    private static final int NOT_STARTED = 0;
    private static final int IN_FRAME = 1;
    private static final int FINISHED = 2;

    private final byte[] header = new byte[10]; // FLG, BD and the optional 8-byte content size
    private byte[] raw = new byte[0];           // the current block, decompressed
    private byte[] compressed;                  // a block copied out of a buffer without an array
    private StreamingXXHash32 contentHash;      // pure Java: nothing native to release

    private boolean inUse;
    private ByteBuf src;
    private int pos;
    private int end;
    private int state;
    private int flags;
    private int maxBlockSize;
    private long expectedContentSize;
    private long totalContentSize;
    private int rawPos;
    private int rawLimit;

    private Lz4FrameInputStream() {
    }

    /**
     * A stream over the frame in {@code compressed}'s readable bytes. The buffer's indexes are not moved; it
     * must stay alive until the stream is closed.
     */
    static Lz4FrameInputStream open(ByteBuf compressed) {
        Lz4FrameInputStream stream = PER_THREAD.get();
        if (stream.inUse) {
            stream = new Lz4FrameInputStream();
        }
        stream.inUse = true;
        stream.src = compressed;
        stream.pos = compressed.readerIndex();
        stream.end = compressed.writerIndex();
        stream.state = NOT_STARTED;
        stream.rawPos = 0;
        stream.rawLimit = 0;
        return stream;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return raw[rawPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (off < 0 || len < 0 || len > b.length - off) {
            throw new IndexOutOfBoundsException();
        }
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, rawLimit - rawPos);
        System.arraycopy(raw, rawPos, b, off, n);
        rawPos += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0 || !fill()) {
            return 0;
        }
        int skipped = (int) Math.min(n, rawLimit - rawPos);
        rawPos += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return rawLimit - rawPos;
    }

    @Override
    public void close() {
        if (inUse) {
            inUse = false;
            src = null;
            rawPos = 0;
            rawLimit = 0;
        }
    }

    /** True once decoded bytes are ready; false at the end of the frame. */
    private boolean fill() throws IOException {
        if (src == null) {
            throw new IOException("Stream closed");
        }
        while (rawPos == rawLimit) {
            if (state == FINISHED) {
                return false;
            }
            if (state == NOT_STARTED && !nextFrame()) {
                state = FINISHED;
                return false;
            }
            readBlock();
        }
        return true;
    }

    /** Skips skippable frames and reads the first real frame's descriptor; false if only skippable frames. */
    private boolean nextFrame() throws IOException {
        boolean anyFrameRead = false;
        while (true) {
            if (pos == end && anyFrameRead) {
                return false;
            }
            int magic = readInt();
            if (magic == MAGIC) {
                readDescriptor();
                state = IN_FRAME;
                return true;
            } else if ((magic >>> 4) == (MAGIC_SKIPPABLE_BASE >>> 4)) {
                long skip = readInt() & 0xFFFFFFFFL;
                if (skip > end - pos) {
                    throw new IOException(PREMATURE_EOS);
                }
                pos += (int) skip;
                anyFrameRead = true;
            } else {
                throw new IOException(NOT_SUPPORTED);
            }
        }
    }

    private void readDescriptor() throws IOException {
        int flg = readByte();
        int bd = readByte();
        if ((flg & FLG_RESERVED) != 0 || (flg & FLG_BLOCK_INDEPENDENCE) == 0
                || (flg & FLG_VERSION_MASK) != FLG_VERSION_01 || (bd & BD_RESERVED) != 0 || ((bd >>> 4) & 7) < 4) {
            throw new IOException(INVALID_DESCRIPTOR);
        }
        flags = flg;
        maxBlockSize = 1 << (2 * ((bd >>> 4) & 7) + 8);
        header[0] = (byte) flg;
        header[1] = (byte) bd;
        int headerLength = 2;
        if ((flg & FLG_CONTENT_SIZE) != 0) {
            need(8);
            expectedContentSize = src.getLongLE(pos);
            src.getBytes(pos, header, 2, 8);
            pos += 8;
            headerLength = 10;
        }
        totalContentSize = 0;
        if ((flg & FLG_CONTENT_CHECKSUM) != 0) {
            if (contentHash == null) {
                contentHash = XXHashFactory.fastestJavaInstance().newStreamingHash32(0);
            } else {
                contentHash.reset();
            }
        }
        byte expected = (byte) ((HASH.hash(header, 0, headerLength, 0) >> 8) & 0xFF);
        if ((byte) readByte() != expected) {
            throw new IOException(DESCRIPTOR_HASH_MISMATCH);
        }
        if (raw.length < maxBlockSize) {
            raw = new byte[maxBlockSize];
        }
    }

    private void readBlock() throws IOException {
        rawPos = 0;
        rawLimit = 0;
        int blockSize = readInt();
        boolean isCompressed = (blockSize & INCOMPRESSIBLE_MASK) == 0;
        blockSize &= ~INCOMPRESSIBLE_MASK;
        if (blockSize == 0) {
            if ((flags & FLG_CONTENT_CHECKSUM) != 0 && readInt() != contentHash.getValue()) {
                throw new IOException("Content checksum mismatch");
            }
            if ((flags & FLG_CONTENT_SIZE) != 0 && expectedContentSize != totalContentSize) {
                throw new IOException("Size check mismatch");
            }
            state = FINISHED;
            return;
        }
        if (blockSize > maxBlockSize) {
            throw new IOException("Block size " + blockSize + " exceeded max: " + maxBlockSize);
        }
        need(blockSize);
        byte[] in;
        int inOffset;
        if (!isCompressed) {
            src.getBytes(pos, raw, 0, blockSize);
            in = raw;
            inOffset = 0;
        } else if (src.hasArray()) {
            in = src.array();
            inOffset = src.arrayOffset() + pos;
        } else {
            if (compressed == null || compressed.length < maxBlockSize) {
                compressed = new byte[maxBlockSize];
            }
            src.getBytes(pos, compressed, 0, blockSize);
            in = compressed;
            inOffset = 0;
        }
        pos += blockSize;
        if ((flags & FLG_BLOCK_CHECKSUM) != 0 && readInt() != HASH.hash(in, inOffset, blockSize, 0)) {
            throw new IOException(BLOCK_HASH_MISMATCH);
        }
        int length;
        if (isCompressed) {
            try {
                length = DECOMPRESSOR.decompress(in, inOffset, blockSize, raw, 0, maxBlockSize);
            } catch (LZ4Exception e) {
                throw new IOException(e);
            }
        } else {
            length = blockSize;
        }
        if ((flags & FLG_CONTENT_CHECKSUM) != 0) {
            contentHash.update(raw, 0, length);
        }
        totalContentSize += length;
        rawLimit = length;
    }

    private void need(int n) throws IOException {
        if (n > end - pos) {
            throw new IOException(PREMATURE_EOS);
        }
    }

    private int readByte() throws IOException {
        need(1);
        return src.getByte(pos++) & 0xFF;
    }

    private int readInt() throws IOException {
        need(4);
        int v = src.getIntLE(pos);
        pos += 4;
        return v;
    }
}
