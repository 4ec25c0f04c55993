package dev.millrace.broker.protocol.types;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultFileRegion;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An encoded message as an ordered list of parts, so record bytes are not copied: a {@link FileRecords}
 * value becomes a {@link DefaultFileRegion} (sendfile), a large {@link ByteBufRecords} value a retained slice,
 * and everything around them goes into buffers from the allocator.
 *
 * <p>Use: write the frame length and the response header into {@link #current()} (or leave room and patch
 * it), call {@link MessageSchema#write(Struct, short, MessageOutput)}, then take {@link #parts()} and write
 * them to the channel in order. The caller owns the parts (writing them to a channel passes ownership on);
 * on an error path before that, call {@link #release()}. File regions never close the log's channel.
 */
public final class MessageOutput {

    /** Record slices smaller than this are copied: a separate part costs more than copying them. */
    static final int SLICE_THRESHOLD = 1024;

    private final ByteBufAllocator allocator;
    private final List<Object> parts = new ArrayList<>();
    private ByteBuf current;
    private boolean finished;

    public MessageOutput(ByteBufAllocator allocator) {
        this(allocator, 256);
    }

    public MessageOutput(ByteBufAllocator allocator, int initialCapacity) {
        this.allocator = allocator;
        this.current = allocator.buffer(initialCapacity);
    }

    private MessageOutput(ByteBuf target) {
        this.allocator = null;
        this.current = target;
    }

    /** Writes straight into {@code target}; records are copied and file records are refused. */
    static MessageOutput into(ByteBuf target) {
        return new MessageOutput(target);
    }

    /** The buffer being written; it changes after each uncopied records part. */
    public ByteBuf current() {
        if (finished) {
            throw new IllegalStateException("MessageOutput already finished");
        }
        return current;
    }

    /**
     * Finishes the output and returns its parts in order: {@link ByteBuf}s and {@link DefaultFileRegion}s.
     * Ownership passes to the caller. Calling it again returns the same list.
     */
    public List<Object> parts() {
        if (!finished) {
            if (allocator == null) {
                throw new IllegalStateException("A MessageOutput writing into a given buffer has no parts");
            }
            closeCurrent();
            finished = true;
        }
        return Collections.unmodifiableList(parts);
    }

    /** Total bytes: readable bytes of the buffers plus the counts of the file regions. */
    public long readableBytes() {
        long total = finished ? 0 : current.readableBytes();
        for (Object part : parts) {
            total += part instanceof ByteBuf b ? b.readableBytes() : ((DefaultFileRegion) part).count();
        }
        return total;
    }

    /** Releases every part and the current buffer: for error paths, when the parts are not sent. */
    public void release() {
        if (!finished && current != null && allocator != null) {
            current.release();
        }
        current = null;
        finished = true;
        for (Object part : parts) {
            ReferenceCountUtil.release(part);
        }
        parts.clear();
    }

    void writeRecords(Records records, boolean flexible) {
        ByteBuf buf = current();
        if (records == null) {
            Type.writeNullLength(buf, flexible, false);
            return;
        }
        int size = records.sizeInBytes();
        Type.writeBytesLength(buf, size, flexible);
        if (records instanceof FileRecords file) {
            if (allocator == null) {
                throw new IllegalStateException("FileRecords can only be written to an allocating MessageOutput");
            }
            if (size > 0) {
                addPart(new LogFileRegion(file));
            }
            return;
        }
        ByteBuf bytes = ((ByteBufRecords) records).buf();
        if (allocator != null && size >= SLICE_THRESHOLD) {
            addPart(bytes.retainedSlice());
        } else {
            buf.writeBytes(bytes, bytes.readerIndex(), size);
        }
    }

    private void addPart(Object part) {
        closeCurrent();
        parts.add(part);
        current = allocator.buffer();
    }

    private void closeCurrent() {
        if (current.isReadable()) {
            parts.add(current);
        } else {
            current.release();
        }
        current = null;
    }

    /**
     * A file region over a log segment. Netty's region closes its channel when released; the segment's
     * channel outlives any one response, so this one leaves it open.
     */
    private static final class LogFileRegion extends DefaultFileRegion {

        LogFileRegion(FileRecords file) {
            super(file.channel(), file.position(), file.size());
        }

        @Override
        protected void deallocate() {
            // the channel belongs to the log segment, not to this response
        }
    }
}
