package dev.millrace.streams.processor.api;

import dev.millrace.streams.errors.StreamsException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.util.Objects;

/**
 * An immutable record flowing between processors: key, value, timestamp and headers. The {@code withX} methods
 * return copies (the headers are shared by the copies, as in Kafka Streams: copy them before changing them).
 */
public class Record<K, V> {
    private final K key;
    private final V value;
    private final long timestamp;
    private final Headers headers;

    /** @throws StreamsException if the timestamp is negative */
    public Record(K key, V value, long timestamp, Headers headers) {
        this.key = key;
        this.value = value;
        if (timestamp < 0) {
            throw new StreamsException("Malformed Record: timestamp may not be negative. Got: " + timestamp);
        }
        this.timestamp = timestamp;
        this.headers = new RecordHeaders(headers == null ? null : headers.toArray());
    }

    public Record(K key, V value, long timestamp) {
        this(key, value, timestamp, null);
    }

    /** Shares the headers object; used by the withX copies. */
    Record(K key, V value, long timestamp, Headers headers, boolean shared) {
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers;
    }

    public K key() {
        return key;
    }

    public V value() {
        return value;
    }

    public long timestamp() {
        return timestamp;
    }

    public Headers headers() {
        return headers;
    }

    public <NewK> Record<NewK, V> withKey(NewK key) {
        return new Record<>(key, value, timestamp, headers, true);
    }

    public <NewV> Record<K, NewV> withValue(NewV value) {
        return new Record<>(key, value, timestamp, headers, true);
    }

    public Record<K, V> withTimestamp(long timestamp) {
        if (timestamp < 0) {
            throw new StreamsException("Malformed Record: timestamp may not be negative. Got: " + timestamp);
        }
        return new Record<>(key, value, timestamp, headers, true);
    }

    public Record<K, V> withHeaders(Headers headers) {
        return new Record<>(key, value, timestamp, headers, true);
    }

    @Override
    public String toString() {
        return "Record{key=" + key + ", value=" + value + ", timestamp=" + timestamp + ", headers=" + headers + '}';
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Record)) return false;
        Record<?, ?> r = (Record<?, ?>) o;
        return timestamp == r.timestamp && Objects.equals(key, r.key) && Objects.equals(value, r.value)
                && Objects.equals(headers, r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, timestamp, headers);
    }
}
