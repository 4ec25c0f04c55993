package dev.millrace.streams.processor.api;

import dev.millrace.streams.errors.StreamsException;
import org.apache.kafka.common.header.Headers;

import java.util.Objects;

/**
 * A record whose key a {@link FixedKeyProcessor} cannot change: it has no public constructor and no
 * {@code withKey}, so every record forwarded is derived from the one received.
 */
public final class FixedKeyRecord<K, V> {
    private final K key;
    private final V value;
    private final long timestamp;
    private final Headers headers;

    FixedKeyRecord(K key, V value, long timestamp, Headers headers) {
        this.key = key;
        this.value = value;
        if (timestamp < 0) {
            throw new StreamsException("Malformed Record: timestamp may not be negative. Got: " + timestamp);
        }
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

    public <NewV> FixedKeyRecord<K, NewV> withValue(NewV value) {
        return new FixedKeyRecord<>(key, value, timestamp, headers);
    }

    public FixedKeyRecord<K, V> withTimestamp(long timestamp) {
        return new FixedKeyRecord<>(key, value, timestamp, headers);
    }

    public FixedKeyRecord<K, V> withHeaders(Headers headers) {
        return new FixedKeyRecord<>(key, value, timestamp, headers);
    }

    /** The plain record the runtime passes on. */
    Record<K, V> toRecord() {
        return new Record<>(key, value, timestamp, headers, true);
    }

    @Override
    public String toString() {
        return "FixedKeyRecord{key=" + key + ", value=" + value + ", timestamp=" + timestamp + ", headers=" + headers + '}';
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof FixedKeyRecord)) return false;
        FixedKeyRecord<?, ?> r = (FixedKeyRecord<?, ?>) o;
        return timestamp == r.timestamp && Objects.equals(key, r.key) && Objects.equals(value, r.value)
                && Objects.equals(headers, r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, timestamp, headers);
    }
}
