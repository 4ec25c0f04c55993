package dev.millrace.streams.state;

import java.util.Objects;

/** A value with the timestamp of the record that wrote it, as Kafka Streams' {@code ValueAndTimestamp}. */
public final class ValueAndTimestamp<V> {
    private final V value;
    private final long timestamp;

    private ValueAndTimestamp(V value, long timestamp) {
        this.value = Objects.requireNonNull(value, "value cannot be null");
        this.timestamp = timestamp;
    }

    /** Null for a null value, so "no value" never carries a timestamp (a null put stays a delete). */
    public static <V> ValueAndTimestamp<V> make(V value, long timestamp) {
        return value == null ? null : new ValueAndTimestamp<>(value, timestamp);
    }

    public static <V> V getValueOrNull(ValueAndTimestamp<V> valueAndTimestamp) {
        return valueAndTimestamp == null ? null : valueAndTimestamp.value;
    }

    public V value() {
        return value;
    }

    public long timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ValueAndTimestamp)) return false;
        ValueAndTimestamp<?> other = (ValueAndTimestamp<?>) o;
        return timestamp == other.timestamp && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, timestamp);
    }

    @Override
    public String toString() {
        return "<" + value + "," + timestamp + ">";
    }
}
