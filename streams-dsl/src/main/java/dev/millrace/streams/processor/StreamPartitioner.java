package dev.millrace.streams.processor;

import org.apache.kafka.common.header.Headers;

import java.util.Optional;
import java.util.Set;

/**
 * Picks the partitions a sink writes a record to, as Kafka Streams' {@code StreamPartitioner}: an empty Optional
 * leaves the choice to the producer's partitioner (hash of the key bytes), a set sends a copy to each partition in it,
 * and an empty set drops the record. {@link dev.millrace.streams.KafkaStreams#queryMetadataForKey} uses it too, to
 * find a key's partition when the application writes with a custom partitioner. The variant with headers is the one
 * called; by default it ignores them.
 */
@FunctionalInterface
public interface StreamPartitioner<K, V> {
    Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions);

    default Optional<Set<Integer>> partitions(String topic, K key, V value, Headers headers, int numPartitions) {
        return partitions(topic, key, value, numPartitions);
    }
}
