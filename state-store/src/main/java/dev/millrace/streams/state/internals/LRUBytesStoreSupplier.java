package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.KeyValueBytesStoreSupplier;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

public class LRUBytesStoreSupplier implements KeyValueBytesStoreSupplier {
    private final String name;
    private final int maxCacheSize;

    public LRUBytesStoreSupplier(String name, int maxCacheSize) {
        if (maxCacheSize < 0) throw new IllegalArgumentException("maxCacheSize cannot be negative: " + maxCacheSize);
        this.name = name;
        this.maxCacheSize = maxCacheSize;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new MemoryLRUCache(name, maxCacheSize);
    }

    @Override
    public String metricsScope() {
        return "in-memory-lru";
    }
}
