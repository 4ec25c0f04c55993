package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.StreamPartitioner;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

import java.util.Optional;
import java.util.Set;

/**
 * The partition the producer's default partitioner gives a keyed record: murmur2 of the serialized key, made
 * positive, modulo the partition count. What sinks and repartition topics use, so a key's store partition can be
 * computed from the key alone.
 */
public final class DefaultStreamPartitioner<K, V> implements StreamPartitioner<K, V> {
    private final Serializer<K> keySerializer;

    public DefaultStreamPartitioner(Serializer<K> keySerializer) {
        this.keySerializer = keySerializer;
    }

    /** Kafka Streams 4.4 refuses the variant without headers here: the key serializer may read them. */
    @Override
    public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
        throw new UnsupportedOperationException("This method is deprecated and should not be called.");
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, K key, V value, Headers headers, int numPartitions) {
        byte[] keyBytes = keySerializer.serialize(topic, headers, key);
        if (keyBytes == null) return Optional.empty();
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(keyBytes)) % numPartitions));
    }
}
