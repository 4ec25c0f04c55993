package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.KeyValueBytesStoreSupplier;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

public class RocksDBKeyValueBytesStoreSupplier implements KeyValueBytesStoreSupplier {
    private final String name;
    private final boolean timestamped;

    public RocksDBKeyValueBytesStoreSupplier(String name, boolean timestamped) {
        this.name = name;
        this.timestamped = timestamped;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return timestamped ? new RocksDBTimestampedStore(name) : new RocksDBStore(name);
    }

    @Override
    public String metricsScope() {
        return "rocksdb";
    }
}
