package dev.millrace.streams.state;

import org.apache.kafka.common.utils.Bytes;

/** Supplies a key-value storage engine over serialized bytes, as Kafka Streams' {@code KeyValueBytesStoreSupplier}. */
public interface KeyValueBytesStoreSupplier extends StoreSupplier<KeyValueStore<Bytes, byte[]>> {
}
