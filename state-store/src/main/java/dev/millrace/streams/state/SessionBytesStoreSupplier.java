package dev.millrace.streams.state;

import org.apache.kafka.common.utils.Bytes;

/** Supplies a session storage engine over serialized bytes, as Kafka Streams' {@code SessionBytesStoreSupplier}. */
public interface SessionBytesStoreSupplier extends StoreSupplier<SessionStore<Bytes, byte[]>> {
    /** The time span of one segment (one RocksDB database); 1 for in-memory stores, which have none. */
    long segmentIntervalMs();

    long retentionPeriod();
}
