package dev.millrace.streams.state;

/**
 * A window store whose values carry their record timestamp, as Kafka Streams' {@code TimestampedWindowStore}; stored
 * in the timestamped format (8 big-endian timestamp bytes, then the value).
 */
public interface TimestampedWindowStore<K, V> extends WindowStore<K, ValueAndTimestamp<V>> {
}
