package dev.millrace.broker.record;

import io.netty.buffer.ByteBuf;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A gzip decoder that reads a batch's {@link ByteBuf} directly and keeps its {@link Inflater} across batches.
 * The JDK's {@code GZIPInputStream} makes a new {@code Inflater} (with its native zlib state, freed only by a
 * cleaner) and an input buffer for every stream, i.e. for every gzip batch.
 *
 * <p>It accepts what {@code new GZIPInputStream(in)} accepts and fails the same way: the header's magic,
 * method 8 and optional extra field, name, comment and header CRC16 (verified); the trailer's CRC32 and
 * size (verified); further members concatenated after the first are decoded too, and bytes after the last
 * member that do not start a gzip header are ignored. Input that ends inside a member throws
 * {@link EOFException}, a bad header, trailer or deflate stream a {@link ZipException}.
 *
 * <p>{@link #open(ByteBuf)} lends the calling thread's instance (or a new one if that is still open, so
 * nested streams on one thread stay correct); {@link #close()} gives it back. Not thread-safe; a stream must
 * not be used after it is closed.
 */
final class GzipBatchInputStream extends InputStream {
    private static final int MAGIC = 0x8b1f; // the two magic bytes, read little-endian
    private static final int DEFLATED = 8;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int TRAILER_SIZE = 8;

    private static final ThreadLocal<GzipBatchInputStream> PER_THREAD = ThreadLocal.withInitial(GzipBatchInputStream::new);

    private final Inflater inflater = new Inflater(true); // raw deflate: the gzip framing is parsed here
    private final CRC32 crc = new CRC32();
    private final byte[] single = new byte[1];

    private boolean inUse;
    private ByteBuf src;
    private int pos;  // next unread byte of src (header, trailer, or the next input of the inflater)
    private int end;
    private ByteBuffer input;
    private boolean eos;

    private GzipBatchInputStream() {
    }

    /**
     * A stream over the gzip data in {@code compressed}'s readable bytes; its first header is read here. The
     * buffer's indexes are not moved; it must stay alive until the stream is closed.
     */
    static GzipBatchInputStream open(ByteBuf compressed) throws IOException {
        GzipBatchInputStream stream = PER_THREAD.get();
        if (stream.inUse) {
            stream = new GzipBatchInputStream();
        }
        stream.inUse = true;
        stream.src = compressed;
        stream.pos = compressed.readerIndex();
        stream.end = compressed.writerIndex();
        stream.eos = false;
        try {
            stream.startMember();
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
        return stream;
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) == -1 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (off < 0 || len < 0 || len > b.length - off) {
            throw new IndexOutOfBoundsException();
        }
        if (src == null) {
            throw new IOException("Stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (!eos) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                String message = e.getMessage();
                throw new ZipException(message != null ? message : "Invalid ZLIB data format");
            }
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                finishMember();
            } else if (inflater.needsInput()) {
                throw new EOFException("Unexpected end of ZLIB input stream");
            } else if (inflater.needsDictionary()) {
                throw new ZipException("Inflater needs a preset dictionary");
            }
        }
        return -1;
    }

    @Override
    public void close() {
        if (!inUse) {
            return;
        }
        inUse = false;
        src = null;
        input = null;
        inflater.reset();
    }

    /** Reads a member header at {@code pos} and points the inflater at the deflate data after it. */
    private void startMember() throws IOException {
        crc.reset();
        int headerStart = pos;
        if (readUShortLE() != MAGIC) {
            throw new ZipException("Not in GZIP format");
        }
        if (readUByte() != DEFLATED) {
            throw new ZipException("Unsupported compression method");
        }
        int flags = readUByte();
        skip(6); // modification time, extra flags, operating system
        if ((flags & FEXTRA) != 0) {
            skip(readUShortLE());
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            CRC32 headerCrc = new CRC32(); // rare: only for headers that carry a checksum
            headerCrc.update(src.nioBuffer(headerStart, pos - headerStart));
            if (readUShortLE() != ((int) headerCrc.getValue() & 0xffff)) {
                throw new ZipException("Corrupt GZIP header");
            }
        }
        inflater.reset();
        input = src.nioBuffer(pos, end - pos);
        inflater.setInput(input);
    }

    /** Checks the trailer of the member just inflated, then starts the next member if one follows. */
    private void finishMember() throws IOException {
        pos = end - inflater.getRemaining();
        if (end - pos < TRAILER_SIZE) {
            throw new EOFException("Unexpected end of ZLIB input stream");
        }
        long storedCrc = readUIntLE();
        long storedSize = readUIntLE();
        if (storedCrc != crc.getValue() || storedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new ZipException("Corrupt GZIP trailer");
        }
        // As GZIPInputStream: decode a following member, but end quietly if what follows is not one.
        if (end - pos > 0) {
            int next = pos;
            try {
                startMember();
                return;
            } catch (IOException notAMember) {
                pos = next;
            }
        }
        eos = true;
    }

    private int readUByte() throws IOException {
        if (pos >= end) {
            throw new EOFException();
        }
        return src.getUnsignedByte(pos++);
    }

    private int readUShortLE() throws IOException {
        int low = readUByte();
        return (readUByte() << 8) | low;
    }

    private long readUIntLE() throws IOException {
        long low = readUShortLE();
        return ((long) readUShortLE() << 16) | low;
    }

    private void skip(int n) throws IOException {
        if (end - pos < n) {
            throw new EOFException();
        }
        pos += n;
    }

    private void skipZeroTerminated() throws IOException {
        while (readUByte() != 0) {
            // a file name or comment: not needed
        }
    }
}
