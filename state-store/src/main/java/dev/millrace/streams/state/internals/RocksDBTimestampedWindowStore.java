package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.TimestampedBytesStore;

/**
 * A RocksDB window store whose values are in the timestamped format. The bytes are opaque to the segments, so this
 * is the plain store marked; Kafka Streams' in-place upgrade from the plain format is not needed.
 */
public class RocksDBTimestampedWindowStore extends RocksDBWindowStore implements TimestampedBytesStore {
    public RocksDBTimestampedWindowStore(String name, long retentionPeriod, long segmentInterval, long windowSize,
                                         boolean retainDuplicates) {
        super(name, retentionPeriod, segmentInterval, windowSize, retainDuplicates);
    }
}
