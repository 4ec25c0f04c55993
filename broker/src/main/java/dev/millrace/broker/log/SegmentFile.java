package dev.millrace.broker.log;

import dev.millrace.broker.record.RecordBatch;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A segment's {@code .log} file: batches back to back, exactly as produced (plus the stamped offset and
 * epoch). Appends go through the channel's own position from the owner thread; everything else uses
 * positional I/O, which is safe from any thread. {@link #size()} is the committed size: bytes below it
 * were fully written before it was published.
 */
final class SegmentFile implements AutoCloseable {
    /** Bytes needed to learn a batch's offsets and size: up to and including lastOffsetDelta. */
    static final int OFFSETS_HEADER_SIZE = RecordBatch.LAST_OFFSET_DELTA_OFFSET + 4;

    private volatile Path path;
    private final FileChannel channel;
    private volatile int size;

    private SegmentFile(Path path, FileChannel channel, int size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    static SegmentFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long length = channel.size();
        if (length > Integer.MAX_VALUE) {
            channel.close();
            throw new IOException("Segment " + path + " is larger than 2 GiB");
        }
        channel.position(length);
        return new SegmentFile(path, channel, (int) length);
    }

    Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    int size() {
        return size;
    }

    /**
     * Writes the readable bytes of {@code batch} at the end straight from its NIO buffers (no heap copy
     * for direct buffers), then publishes the new size. Returns the position the batch starts at.
     */
    int append(ByteBuf batch) throws IOException {
        int position = size;
        int length = batch.readableBytes();
        ByteBuffer[] parts = batch.nioBuffers(batch.readerIndex(), length);
        long written = 0;
        try {
            while (written < length) {
                written += channel.write(parts);
            }
        } catch (IOException e) {
            // cut a partial write so the file still ends on a batch boundary, if the disk lets us
            try {
                channel.truncate(position);
                channel.position(position);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        size = position + length;
        return position;
    }

    void flush() throws IOException {
        channel.force(true);
    }

    /** Cuts the file at {@code newSize}; used by recovery and truncation only. */
    void truncateTo(int newSize) throws IOException {
        if (newSize > size) {
            throw new IllegalArgumentException("Cannot truncate " + path + " of " + size + " bytes to " + newSize);
        }
        channel.truncate(newSize);
        channel.position(newSize);
        size = newSize;
    }

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code position} without going past {@code limit};
     * returns false when fewer bytes than requested are there.
     */
    boolean readFully(ByteBuffer dst, long position, int limit) throws IOException {
        if (position + dst.remaining() > limit) {
            return false;
        }
        long pos = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                return false;
            }
            pos += n;
        }
        return true;
    }

    /**
     * The first batch at or after {@code startPosition} whose last offset is at least {@code offset},
     * scanning headers below {@code limit}; null when none.
     */
    BatchLocation searchForOffset(long offset, int startPosition, int limit) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(OFFSETS_HEADER_SIZE);
        int position = startPosition;
        while (true) {
            header.clear();
            if (!readFully(header, position, limit)) {
                return null;
            }
            long baseOffset = header.getLong(RecordBatch.BASE_OFFSET_OFFSET);
            int batchSize = header.getInt(RecordBatch.BATCH_LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
            long lastOffset = baseOffset + header.getInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET);
            if (batchSize < RecordBatch.HEADER_SIZE || position + (long) batchSize > limit) {
                return null;
            }
            if (lastOffset >= offset) {
                return new BatchLocation(baseOffset, lastOffset, position, batchSize);
            }
            position += batchSize;
        }
    }

    /** The end of the last whole batch that starts at or after {@code from} and ends at or before {@code limit}. */
    int lastBatchBoundary(int from, int limit) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(RecordBatch.LOG_OVERHEAD);
        int position = from;
        while (true) {
            header.clear();
            if (!readFully(header, position, limit)) {
                return position;
            }
            int batchSize = header.getInt(RecordBatch.BATCH_LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
            if (batchSize < RecordBatch.HEADER_SIZE || position + (long) batchSize > limit) {
                return position;
            }
            position += batchSize;
        }
    }

    /** Reads the whole batch at {@code position} into a heap buffer (timestamp searches, recovery). */
    ByteBuffer readBatch(BatchLocation location) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(location.size());
        if (!readFully(buf, location.position(), size)) {
            throw new IOException("Batch at " + location.position() + " of " + path + " is incomplete");
        }
        buf.flip();
        return buf;
    }

    void renameTo(Path target) throws IOException {
        if (Files.exists(path)) {
            // replacing: a segment cleaned twice goes to the same .deleted name while the first copy
            // still waits for its delay; both are doomed, and open readers keep their file alive
            Files.move(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        path = target;
    }

    long lastModifiedMs() {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0L;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Where a batch is in the file, with its offsets. */
    record BatchLocation(long baseOffset, long lastOffset, int position, int size) {
    }
}
