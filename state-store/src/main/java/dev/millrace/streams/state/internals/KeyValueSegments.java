package dev.millrace.streams.state.internals;

import dev.millrace.streams.errors.ProcessorStateException;
import dev.millrace.streams.processor.StateStoreContext;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The open segments of one segmented store, by segment id ({@code timestamp / segmentInterval}, as Kafka Streams'
 * {@code KeyValueSegments}). A segment is live while its id is at least the id of {@code streamTime - retention};
 * older ones are closed and deleted as whole databases whenever stream time moves.
 */
final class KeyValueSegments {
    private final String name;
    private final long retentionPeriod;
    private final long segmentInterval;
    private final TreeMap<Long, KeyValueSegment> segments = new TreeMap<>();
    private StateStoreContext context;
    private boolean bulkLoading;

    KeyValueSegments(String name, long retentionPeriod, long segmentInterval) {
        this.name = name;
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
    }

    long segmentId(long timestamp) {
        return timestamp / segmentInterval;
    }

    String segmentName(long segmentId) {
        return name + "." + segmentId * segmentInterval;
    }

    /** Where the store's segment directories are. */
    static File storeDir(StateStoreContext context, String name) {
        return new File(context.stateDir(), name);
    }

    KeyValueSegment segmentForTimestamp(long timestamp) {
        return segments.get(segmentId(timestamp));
    }

    /** The segment for {@code segmentId}, opened if needed, or null if it is expired at {@code streamTime}. */
    KeyValueSegment getOrCreateSegmentIfLive(long segmentId, long streamTime) {
        KeyValueSegment segment = segmentId >= segmentId(streamTime - retentionPeriod) ? getOrCreateSegment(segmentId) : null;
        cleanupExpiredSegments(streamTime);
        return segment;
    }

    private KeyValueSegment getOrCreateSegment(long segmentId) {
        KeyValueSegment segment = segments.get(segmentId);
        if (segment == null) {
            segment = new KeyValueSegment(segmentName(segmentId), name, segmentId);
            segment.init(context, segment);
            segments.put(segmentId, segment);
            if (bulkLoading) segment.toggleDbForBulkLoading(true);
        }
        return segment;
    }

    /** Opens the segments found on disk (a restart), in id order. */
    void openExisting(StateStoreContext context, long streamTime) {
        this.context = context;
        File dir = storeDir(context, name);
        if (!dir.exists() && !dir.mkdirs()) {
            throw new ProcessorStateException("cannot create directory " + dir + " for the segments of store " + name);
        }
        String[] entries = dir.list();
        List<Long> ids = new ArrayList<>();
        if (entries != null) {
            for (String entry : entries) {
                if (!entry.startsWith(name + ".")) continue;
                try {
                    ids.add(Long.parseLong(entry.substring(name.length() + 1)) / segmentInterval);
                } catch (NumberFormatException e) {
                    throw new ProcessorStateException("cannot parse the segment id of " + new File(dir, entry), e);
                }
            }
        }
        ids.sort(null);
        for (long id : ids) {
            if (id >= 0) getOrCreateSegment(id);
        }
        cleanupExpiredSegments(streamTime);
    }

    /** The open segments holding timestamps {@code timeFrom..timeTo}, in time order or reversed. */
    List<KeyValueSegment> segments(long timeFrom, long timeTo, boolean forward) {
        if (timeFrom > timeTo) return List.of();
        NavigableMap<Long, KeyValueSegment> range = segments.subMap(segmentId(timeFrom), true, segmentId(timeTo), true);
        return new ArrayList<>(forward ? range.values() : range.descendingMap().values());
    }

    List<KeyValueSegment> allSegments(boolean forward) {
        return new ArrayList<>(forward ? segments.values() : segments.descendingMap().values());
    }

    void cleanupExpiredSegments(long streamTime) {
        NavigableMap<Long, KeyValueSegment> expired = segments.headMap(segmentId(streamTime - retentionPeriod), false);
        for (KeyValueSegment segment : new ArrayList<>(expired.values())) {
            segments.remove(segment.id());
            segment.destroy();
        }
    }

    /** Restore mode on or off for the open segments and, while on, for each segment opened. */
    void setBulkLoading(boolean on) {
        bulkLoading = on;
        for (KeyValueSegment segment : segments.values()) segment.toggleDbForBulkLoading(on);
    }

    void flush() {
        for (KeyValueSegment segment : segments.values()) segment.flush();
    }

    void close() {
        for (KeyValueSegment segment : segments.values()) segment.close();
        segments.clear();
    }
}
