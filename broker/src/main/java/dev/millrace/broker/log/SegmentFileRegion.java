package dev.millrace.broker.log;

import io.netty.channel.DefaultFileRegion;
import java.nio.channels.FileChannel;

/**
 * A Netty file region over a segment's bytes that leaves the segment's channel open when released.
 * It extends {@link DefaultFileRegion} because Netty's native transports only use sendfile for that
 * class; the plain one would close the log's shared channel on release.
 */
public final class SegmentFileRegion extends DefaultFileRegion {

    public SegmentFileRegion(FileChannel channel, long position, long count) {
        super(channel, position, count);
    }

    @Override
    protected void deallocate() {
        // the channel belongs to the segment, which closes it when the segment is closed or deleted
    }
}
