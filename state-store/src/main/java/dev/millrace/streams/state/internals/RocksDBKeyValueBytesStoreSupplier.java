package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.KeyValueBytesStoreSupplier;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

public class RocksDBKeyValueBytesStoreSupplier implements KeyValueBytesStoreSupplier {
    private final String name;

    public RocksDBKeyValueBytesStoreSupplier(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new RocksDBStore(name);
    }

    @Override
    public String metricsScope() {
        return "rocksdb";
    }
}
