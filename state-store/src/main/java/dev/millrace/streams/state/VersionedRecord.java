package dev.millrace.streams.state;

import java.util.Objects;
import java.util.Optional;

/**
 * One version of a key's value in a {@link VersionedKeyValueStore}, as Kafka Streams' {@code VersionedRecord}: the
 * value, the timestamp it is valid from, and the timestamp it is valid to (exclusive), which is empty for the latest
 * version of a key. The value is never null: a deleted key has no record.
 */
public final class VersionedRecord<V> {
    private final V value;
    private final long timestamp;
    private final Optional<Long> validTo;

    /** The latest version of a key: valid from {@code timestamp} with no end. */
    public VersionedRecord(V value, long timestamp) {
        this.value = Objects.requireNonNull(value, "value cannot be null.");
        this.timestamp = timestamp;
        this.validTo = Optional.empty();
    }

    /** A version replaced (by a newer version or a delete) at {@code validTo}. */
    public VersionedRecord(V value, long timestamp, long validTo) {
        this.value = Objects.requireNonNull(value, "value cannot be null.");
        this.timestamp = timestamp;
        this.validTo = Optional.of(validTo);
    }

    public V value() {
        return value;
    }

    public long timestamp() {
        return timestamp;
    }

    public Optional<Long> validTo() {
        return validTo;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof VersionedRecord)) return false;
        VersionedRecord<?> that = (VersionedRecord<?>) o;
        return timestamp == that.timestamp && validTo.equals(that.validTo) && Objects.deepEquals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, validTo) * 31 + (value instanceof byte[] ? java.util.Arrays.hashCode((byte[]) value) : value.hashCode());
    }

    @Override
    public String toString() {
        return "<" + (value instanceof byte[] ? java.util.Arrays.toString((byte[]) value) : value) + "," + timestamp + "," + validTo + ">";
    }
}
