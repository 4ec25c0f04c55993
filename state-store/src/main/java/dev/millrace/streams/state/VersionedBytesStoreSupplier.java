package dev.millrace.streams.state;

/**
 * Supplies a versioned bytes store, as Kafka Streams' {@code VersionedBytesStoreSupplier}: its history retention
 * (how long old versions stay queryable, and the grace period of writes) and its segment interval (how old versions
 * are grouped on disk; performance only).
 */
public interface VersionedBytesStoreSupplier extends StoreSupplier<VersionedBytesStore> {
    long historyRetentionMs();

    long segmentIntervalMs();
}
