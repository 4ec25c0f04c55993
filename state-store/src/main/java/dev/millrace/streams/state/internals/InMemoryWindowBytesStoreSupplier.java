package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.WindowBytesStoreSupplier;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

/** Supplies heap window stores. They have no segments: the segment interval is 1, as Kafka Streams reports. */
public class InMemoryWindowBytesStoreSupplier implements WindowBytesStoreSupplier {
    private final String name;
    private final long retentionPeriod;
    private final long windowSize;
    private final boolean retainDuplicates;

    public InMemoryWindowBytesStoreSupplier(String name, long retentionPeriod, long windowSize, boolean retainDuplicates) {
        this.name = name;
        this.retentionPeriod = retentionPeriod;
        this.windowSize = windowSize;
        this.retainDuplicates = retainDuplicates;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public WindowStore<Bytes, byte[]> get() {
        return new InMemoryWindowStore(name, retentionPeriod, windowSize, retainDuplicates);
    }

    @Override
    public String metricsScope() {
        return "in-memory-window";
    }

    @Override
    public long segmentIntervalMs() {
        return 1;
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
