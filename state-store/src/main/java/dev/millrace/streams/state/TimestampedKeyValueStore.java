package dev.millrace.streams.state;

/** A key-value store whose values carry timestamps, as Kafka Streams' {@code TimestampedKeyValueStore}. */
public interface TimestampedKeyValueStore<K, V> extends KeyValueStore<K, ValueAndTimestamp<V>> {
}
