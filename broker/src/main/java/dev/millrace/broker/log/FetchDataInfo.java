package dev.millrace.broker.log;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Where the bytes of a fetch are: {@code size} bytes of whole batches at {@code position} of a segment's
 * file. Send them with {@link #toFileRegion()} (zero copy, sendfile) or copy them with {@link #readInto}.
 * The channel belongs to the log: never close it (Netty's plain {@code DefaultFileRegion} would, on
 * release).
 *
 * @param channel the segment file, or null when empty
 * @param position first byte of the first batch in the file
 * @param size bytes to send, 0 when empty
 * @param firstBatchBaseOffset base offset of the first batch (may be below the fetch offset, since the
 *     batch holding the fetch offset is sent whole), -1 when empty
 * @param segmentBaseOffset base offset of the segment read, -1 when empty
 */
public record FetchDataInfo(FileChannel channel, long position, int size, long firstBatchBaseOffset,
                            long segmentBaseOffset) {

    public static final FetchDataInfo EMPTY = new FetchDataInfo(null, 0, 0, -1L, -1L);

    public boolean isEmpty() {
        return size == 0;
    }

    /** A region to write to a Netty channel; the caller owns (and eventually releases) it. Not for empty results. */
    public io.netty.channel.FileRegion toFileRegion() {
        if (channel == null) {
            throw new IllegalStateException("An empty fetch has no file region");
        }
        return new SegmentFileRegion(channel, position, size);
    }

    /** Copies the bytes into {@code dst} (for TLS connections and tests). */
    public void readInto(ByteBuf dst) {
        if (size == 0) {
            return;
        }
        try {
            long pos = position;
            int left = size;
            while (left > 0) {
                int n = dst.writeBytes(channel, pos, left);
                if (n < 0) {
                    throw new LogStorageException("Segment file ended before " + size + " bytes at " + position);
                }
                pos += n;
                left -= n;
            }
        } catch (IOException e) {
            throw new LogStorageException("Cannot read segment bytes", e);
        }
    }
}
