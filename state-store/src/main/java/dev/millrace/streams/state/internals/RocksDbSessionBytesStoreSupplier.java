package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.SessionBytesStoreSupplier;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

/** Supplies segmented RocksDB session stores; segments span {@code max(retention / 2, 60 s)}, as Kafka Streams. */
public class RocksDbSessionBytesStoreSupplier implements SessionBytesStoreSupplier {
    private final String name;
    private final long retentionPeriod;

    public RocksDbSessionBytesStoreSupplier(String name, long retentionPeriod) {
        this.name = name;
        this.retentionPeriod = retentionPeriod;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SessionStore<Bytes, byte[]> get() {
        return new RocksDBSessionStore(name, retentionPeriod, segmentIntervalMs());
    }

    @Override
    public String metricsScope() {
        return "rocksdb-session";
    }

    @Override
    public long segmentIntervalMs() {
        return Math.max(retentionPeriod / 2, 60_000L);
    }

    @Override
    public long retentionPeriod() {
        return retentionPeriod;
    }
}
