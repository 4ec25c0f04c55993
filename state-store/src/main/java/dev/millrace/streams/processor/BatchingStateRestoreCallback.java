package dev.millrace.streams.processor;

import dev.millrace.streams.KeyValue;

import java.util.Collection;

/**
 * A restore callback that takes a whole polled batch at once, so a store can write it in one batch (RocksDB's
 * WriteBatch), as Kafka Streams' {@code org.apache.kafka.streams.processor.BatchingStateRestoreCallback}.
 */
public interface BatchingStateRestoreCallback extends StateRestoreCallback {
    void restoreAll(Collection<KeyValue<byte[], byte[]>> records);

    @Override
    default void restore(byte[] key, byte[] value) {
        throw new UnsupportedOperationException("a batching callback is called with restoreAll");
    }
}
