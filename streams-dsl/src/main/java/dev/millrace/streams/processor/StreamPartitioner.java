package dev.millrace.streams.processor;

import org.apache.kafka.common.header.Headers;

import java.util.Optional;
import java.util.Set;

/**
 * Picks the partition(s) of a topic a record goes to; {@link dev.millrace.streams.KafkaStreams#queryMetadataForKey}
 * uses it to find a key's partition when the application writes with a custom partitioner. As Kafka Streams 4.4's
 * interface: an empty optional means the default partitioning; the variant with headers is the one called, and by
 * default ignores them.
 */
@FunctionalInterface
public interface StreamPartitioner<K, V> {
    Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions);

    default Optional<Set<Integer>> partitions(String topic, K key, V value, Headers headers, int numPartitions) {
        return partitions(topic, key, value, numPartitions);
    }
}
