package dev.millrace.streams.state;

import org.apache.kafka.common.utils.Bytes;

/** Supplies a window storage engine over serialized bytes, as Kafka Streams' {@code WindowBytesStoreSupplier}. */
public interface WindowBytesStoreSupplier extends StoreSupplier<WindowStore<Bytes, byte[]>> {
    /** The time span of one segment (one RocksDB database); 1 for in-memory stores, which have none. */
    long segmentIntervalMs();

    long windowSize();

    /** Whether every put is kept (stream-stream joins), rather than the latest per key and window. */
    boolean retainDuplicates();

    long retentionPeriod();
}
