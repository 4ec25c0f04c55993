package dev.millrace.streams.state;

import org.apache.kafka.common.utils.Bytes;

/**
 * A versioned store over serialized bytes: what a {@link VersionedBytesStoreSupplier} makes and the changelog layer
 * wraps. Kafka Streams' {@code VersionedBytesStore} has the same role; it also poses as a plain key-value store for
 * Kafka's metering layer, which Millrace's serde layer does not need, so this one is the typed interface only.
 */
public interface VersionedBytesStore extends VersionedKeyValueStore<Bytes, byte[]> {
}
