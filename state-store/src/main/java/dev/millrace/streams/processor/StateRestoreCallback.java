package dev.millrace.streams.processor;

/**
 * Receives a store's changelog records during restore, as Kafka Streams'
 * {@code org.apache.kafka.streams.processor.StateRestoreCallback}. A null value is a tombstone (delete).
 */
@FunctionalInterface
public interface StateRestoreCallback {
    void restore(byte[] key, byte[] value);
}
