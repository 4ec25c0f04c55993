package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.WindowBytesStoreSupplier;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

/** Supplies segmented RocksDB window stores, plain or in the timestamped value format. */
public class RocksDbWindowBytesStoreSupplier implements WindowBytesStoreSupplier {
    private final String name;
    private final long retentionPeriod;
    private final long segmentInterval;
    private final long windowSize;
    private final boolean retainDuplicates;
    private final boolean timestamped;

    public RocksDbWindowBytesStoreSupplier(String name, long retentionPeriod, long segmentInterval, long windowSize,
                                           boolean retainDuplicates, boolean timestamped) {
        this.name = name;
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
        this.windowSize = windowSize;
        this.retainDuplicates = retainDuplicates;
        this.timestamped = timestamped;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public WindowStore<Bytes, byte[]> get() {
        return timestamped
                ? new RocksDBTimestampedWindowStore(name, retentionPeriod, segmentInterval, windowSize, retainDuplicates)
                : new RocksDBWindowStore(name, retentionPeriod, segmentInterval, windowSize, retainDuplicates);
    }

    @Override
    public String metricsScope() {
        return "rocksdb-window";
    }

    @Override
    public long segmentIntervalMs() {
        return segmentInterval;
    }

    @Override
    public long windowSize() {
        return windowSize;
    }

    @Override
    public boolean retainDuplicates() {
        return retainDuplicates;
    }

    @Override
    public long retentionPeriod() {
        return retentionPeriod;
    }
}
