package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.ReadOnlyKeyValueStore;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Objects;

/**
 * The interactive-query view of a key-value store: reads only. Over a timestamped store it answers plain values, as
 * Kafka Streams' class of the same name; over a plain store it forwards the reads. It implements nothing that
 * writes, so a caller cannot cast its way to {@code put} (Kafka Streams hands out the store itself for plain stores;
 * this facade closes that door too).
 */
public final class ReadOnlyKeyValueStoreFacade<K, V> implements ReadOnlyKeyValueStore<K, V> {
    private final ReadOnlyKeyValueStore<K, V> plain;
    private final TimestampedKeyValueStore<K, V> timestamped;

    /** Kafka Streams' constructor: plain values of a timestamped store. */
    public ReadOnlyKeyValueStoreFacade(TimestampedKeyValueStore<K, V> store) {
        this.plain = null;
        this.timestamped = Objects.requireNonNull(store, "store cannot be null");
    }

    private ReadOnlyKeyValueStoreFacade(KeyValueStore<K, V> store) {
        this.plain = Objects.requireNonNull(store, "store cannot be null");
        this.timestamped = null;
    }

    /** A read-only view of a plain key-value store. */
    public static <K, V> ReadOnlyKeyValueStore<K, V> of(KeyValueStore<K, V> store) {
        return new ReadOnlyKeyValueStoreFacade<>(store);
    }

    private KeyValueIterator<K, V> values(KeyValueIterator<K, ValueAndTimestamp<V>> it) {
        return new KeyValueIteratorFacade<>(it);
    }

    @Override
    public V get(K key) {
        return plain != null ? plain.get(key) : ValueAndTimestamp.getValueOrNull(timestamped.get(key));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return plain != null ? plain.range(from, to) : values(timestamped.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return plain != null ? plain.reverseRange(from, to) : values(timestamped.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return plain != null ? plain.all() : values(timestamped.all());
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return plain != null ? plain.reverseAll() : values(timestamped.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return plain != null ? plain.prefixScan(prefix, prefixKeySerializer) : values(timestamped.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return plain != null ? plain.approximateNumEntries() : timestamped.approximateNumEntries();
    }
}
