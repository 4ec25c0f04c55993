package dev.millrace.broker.protocol.types;

import java.nio.channels.FileChannel;

/**
 * A byte range of a log segment file to be sent as is. Only {@link MessageOutput} can write it: the bytes
 * become a {@link io.netty.channel.DefaultFileRegion} part, sent with sendfile when the transport allows.
 * The channel stays owned by the log; sending never closes it.
 */
public record FileRecords(FileChannel channel, long position, int size) implements Records {

    public FileRecords {
        if (channel == null || position < 0 || size < 0) {
            throw new IllegalArgumentException("Bad file range: position " + position + ", size " + size);
        }
    }

    @Override
    public int sizeInBytes() {
        return size;
    }
}
