package dev.millrace.broker.group;

import dev.millrace.broker.group.CoordinatorRecords.Decoded;
import dev.millrace.broker.log.FetchDataInfo;
import dev.millrace.broker.partition.Partition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one {@code __consumer_offsets} partition from its start to its high watermark and decodes its
 * records in log order. Runs off the coordinator thread (disk reads); the coordinator replays the result,
 * where a later record for the same key replaces an earlier one and a tombstone removes it.
 */
final class GroupMetadataLoader {
    private static final Logger log = LoggerFactory.getLogger(GroupMetadataLoader.class);
    private static final int READ_BYTES = 1 << 20;

    private GroupMetadataLoader() {
    }

    static List<Decoded> read(Partition partition) {
        List<Decoded> out = new ArrayList<>();
        long offset = partition.logStartOffset();
        long end = partition.highWatermark();
        while (offset < end) {
            FetchDataInfo info = partition.read(offset, READ_BYTES, true);
            if (info.isEmpty()) {
                break;
            }
            ByteBuf buf = Unpooled.buffer(info.size());
            try {
                info.readInto(buf);
                long next = CoordinatorBatches.forEachRecord(buf, (key, value) -> {
                    try {
                        Decoded d = CoordinatorRecords.decode(key, value);
                        if (d != null) {
                            out.add(d);
                        }
                    } catch (RuntimeException e) {
                        log.warn("Skipping an unreadable record in {}: {}", partition.id(), e.toString());
                    }
                });
                if (next <= offset) {
                    break;
                }
                offset = next;
            } finally {
                buf.release();
            }
        }
        return out;
    }
}
