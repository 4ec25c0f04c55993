package dev.millrace.streams.kstream;

/**
 * A table every application instance holds in full, as Kafka Streams' {@code GlobalKTable}: the global thread reads
 * all partitions of its topic into a local store (restored from the topic's start, kept up to date while running), so
 * a stream can join it on any key it derives from its records, without co-partitioning.
 */
public interface GlobalKTable<K, V> {
    /** The name of the global store, which is always materialized (a generated one unless Materialized names it). */
    String queryableStoreName();
}
