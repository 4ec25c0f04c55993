package dev.millrace.streams.state;

import org.rocksdb.Options;

import java.util.Map;

/**
 * Changes the options of each RocksDB store before it opens, as Kafka Streams' {@code RocksDBConfigSetter}. Name
 * the implementing class (public, no-argument constructor) in the application config {@code rocksdb.config.setter};
 * one instance is made per store.
 */
public interface RocksDBConfigSetter {
    /** Called with Millrace's defaults already set (shared block cache, write buffer manager, bloom filter). */
    void setConfig(String storeName, Options options, Map<String, Object> configs);

    /** Called when the store closes, before its options are closed: close any native object {@code setConfig} made. */
    void close(String storeName, Options options);
}
