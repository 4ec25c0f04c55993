package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.TimestampedBytesStore;

/**
 * A RocksDB store whose values are in the timestamped format. The bytes are opaque to RocksDB, so it is a plain
 * {@link RocksDBStore}; Kafka Streams adds a second column family to upgrade stores written in the plain format,
 * which Millrace has never written, so there is nothing to upgrade.
 */
public class RocksDBTimestampedStore extends RocksDBStore implements TimestampedBytesStore {
    public RocksDBTimestampedStore(String name) {
        super(name);
    }
}
