package dev.millrace.streams.processor;

/** Picks the output topic of each record at a dynamic sink, as Kafka Streams' {@code TopicNameExtractor}. */
@FunctionalInterface
public interface TopicNameExtractor<K, V> {
    String extract(K key, V value, RecordContext recordContext);
}
