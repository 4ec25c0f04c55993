package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.VersionedBytesStore;
import dev.millrace.streams.state.VersionedBytesStoreSupplier;

/** Supplies {@link RocksDBVersionedStore}s; the default segment interval is Kafka Streams'. */
public class RocksDbVersionedKeyValueBytesStoreSupplier implements VersionedBytesStoreSupplier {
    private final String name;
    private final long historyRetentionMs;
    private final long segmentIntervalMs;

    public RocksDbVersionedKeyValueBytesStoreSupplier(String name, long historyRetentionMs) {
        this(name, historyRetentionMs, defaultSegmentInterval(historyRetentionMs));
    }

    public RocksDbVersionedKeyValueBytesStoreSupplier(String name, long historyRetentionMs, long segmentIntervalMs) {
        this.name = name;
        this.historyRetentionMs = historyRetentionMs;
        this.segmentIntervalMs = segmentIntervalMs;
    }

    /**
     * Kafka Streams' choice, kept so stores are laid out alike: a few segments per retention for short retentions,
     * a bounded number for long ones.
     */
    static long defaultSegmentInterval(long historyRetentionMs) {
        if (historyRetentionMs <= 60_000L) return Math.max(historyRetentionMs / 3, 2_000L);
        if (historyRetentionMs <= 300_000L) return Math.max(historyRetentionMs / 5, 20_000L);
        if (historyRetentionMs <= 3_600_000L) return Math.max(historyRetentionMs / 12, 60_000L);
        return Math.max(historyRetentionMs / 24, 300_000L);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public VersionedBytesStore get() {
        return new RocksDBVersionedStore(name, historyRetentionMs, segmentIntervalMs);
    }

    @Override
    public String metricsScope() {
        return "rocksdb";
    }

    @Override
    public long historyRetentionMs() {
        return historyRetentionMs;
    }

    @Override
    public long segmentIntervalMs() {
        return segmentIntervalMs;
    }
}
