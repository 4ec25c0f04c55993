package dev.millrace.streams.test;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.time.Instant;
import java.util.Objects;

/** A record piped into or read from the test driver: key, value, headers and an optional record time. */
public class TestRecord<K, V> {
    private final K key;
    private final V value;
    private final Headers headers;
    private final Instant recordTime;

    public TestRecord(K key, V value, Headers headers, Instant recordTime) {
        this.key = key;
        this.value = value;
        this.headers = new RecordHeaders(headers);
        this.recordTime = recordTime;
    }

    public TestRecord(K key, V value, Headers headers, Long timestampMs) {
        this(key, value, headers, timestampMs == null ? null : checked(timestampMs));
    }

    public TestRecord(K key, V value, Instant recordTime) {
        this(key, value, null, recordTime);
    }

    public TestRecord(K key, V value, Headers headers) {
        this(key, value, headers, (Instant) null);
    }

    public TestRecord(K key, V value) {
        this(key, value, null, (Instant) null);
    }

    public TestRecord(V value) {
        this(null, value);
    }

    private static Instant checked(long timestampMs) {
        if (timestampMs < 0) throw new IllegalArgumentException("Timestamp cannot be negative: " + timestampMs);
        return Instant.ofEpochMilli(timestampMs);
    }

    public Headers headers() {
        return headers;
    }

    public K key() {
        return key;
    }

    public V value() {
        return value;
    }

    /** The record time in milliseconds, or null when none was given. */
    public Long timestamp() {
        return recordTime == null ? null : recordTime.toEpochMilli();
    }

    public Headers getHeaders() {
        return headers;
    }

    public K getKey() {
        return key;
    }

    public V getValue() {
        return value;
    }

    public Instant getRecordTime() {
        return recordTime;
    }

    @Override
    public String toString() {
        return "TestRecord[key=" + key + ", value=" + value + ", headers=" + headers + ", recordTime=" + recordTime + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof TestRecord)) return false;
        TestRecord<?, ?> r = (TestRecord<?, ?>) o;
        return Objects.equals(headers, r.headers) && Objects.equals(key, r.key) && Objects.equals(value, r.value)
                && Objects.equals(recordTime, r.recordTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(headers, key, value, recordTime);
    }
}
