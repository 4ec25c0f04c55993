package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import org.apache.kafka.common.utils.Bytes;

import java.util.List;

/**
 * What the RocksDB window and session stores share: their {@link RocksDBSegmentedBytesStore}, its life (init, flush,
 * close), restore of changelog records as logged, and its stream time. Each subclass maps its store type's
 * operations onto the segments in its key layout.
 */
abstract class RocksDBSegmentedStore implements StateStore, SegmentedChangelogRestorable, StreamTimeAware {
    protected final RocksDBSegmentedBytesStore segmented;

    RocksDBSegmentedStore(String name, long retentionPeriod, long segmentInterval, SegmentedKeySchema keySchema) {
        this.segmented = new RocksDBSegmentedBytesStore(name, retentionPeriod, segmentInterval, keySchema);
    }

    /** The segmented store below; tests read its segments and dropped-record count. */
    public RocksDBSegmentedBytesStore segmented() {
        return segmented;
    }

    @Override
    public String name() {
        return segmented.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        segmented.init(context, root);
    }

    @Override
    public void restoreChangelog(List<KeyValue<Bytes, byte[]>> records) {
        segmented.restoreAll(records);
    }

    @Override
    public void bulkLoading(boolean on) {
        segmented.toggleBulkLoading(on);
    }

    @Override
    public long observedStreamTime() {
        return segmented.observedStreamTime();
    }

    @Override
    public void flush() {
        segmented.flush();
    }

    @Override
    public void close() {
        segmented.close();
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return segmented.isOpen();
    }
}
