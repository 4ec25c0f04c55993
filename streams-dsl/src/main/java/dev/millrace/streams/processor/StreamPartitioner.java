package dev.millrace.streams.processor;

import java.util.Optional;
import java.util.Set;

/**
 * Picks the partition(s) of a topic a record goes to; {@link dev.millrace.streams.KafkaStreams#queryMetadataForKey}
 * uses it to find a key's partition when the application writes with a custom partitioner. As Kafka Streams'
 * interface: an empty optional means the default partitioning.
 */
@FunctionalInterface
public interface StreamPartitioner<K, V> {
    Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions);
}
