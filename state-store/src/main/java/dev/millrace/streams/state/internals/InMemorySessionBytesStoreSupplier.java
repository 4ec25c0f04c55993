package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.SessionBytesStoreSupplier;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

/** Supplies heap session stores (no segments: interval 1, as Kafka Streams reports). */
public class InMemorySessionBytesStoreSupplier implements SessionBytesStoreSupplier {
    private final String name;
    private final long retentionPeriod;

    public InMemorySessionBytesStoreSupplier(String name, long retentionPeriod) {
        this.name = name;
        this.retentionPeriod = retentionPeriod;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SessionStore<Bytes, byte[]> get() {
        return new InMemorySessionStore(name, retentionPeriod);
    }

    @Override
    public String metricsScope() {
        return "in-memory-session";
    }

    @Override
    public long segmentIntervalMs() {
        return 1;
    }

    @Override
    public long retentionPeriod() {
        return retentionPeriod;
    }
}
