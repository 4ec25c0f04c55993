package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.VersionedBytesStore;
import dev.millrace.streams.state.VersionedKeyValueStore;
import dev.millrace.streams.state.VersionedRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;
import java.util.Set;

/**
 * The serde layer of versioned stores (outermost), as {@link MeteredKeyValueStore} for key-value stores, without
 * metrics: null serdes mean the application's defaults, and serdes see the changelog topic's name. As in Kafka
 * Streams, the records it returns carry value and timestamp but no validTo, although the bytes store below knows it.
 */
public class MeteredVersionedKeyValueStore<K, V> extends MeteredStore<VersionedBytesStore, K, V> implements VersionedKeyValueStore<K, V> {
    public MeteredVersionedKeyValueStore(VersionedBytesStore inner, Serde<K> keySerde, Serde<V> valueSerde) {
        super(inner, null, Set.of(), keySerde, valueSerde);
    }

    /** A null key fails before the init check, as this layer has always checked. */
    @Override
    protected Bytes keyBytes(K key) {
        return super.keyBytes(Objects.requireNonNull(key, "key cannot be null"));
    }

    private VersionedRecord<V> record(VersionedRecord<byte[]> r) {
        if (r == null) return null;
        // Kafka Streams' store answers value and timestamp only (validTo reaches users through interactive queries)
        return new VersionedRecord<>(value(r.value()), r.timestamp());
    }

    @Override
    public long put(K key, V value, long timestamp) {
        return inner.put(keyBytes(key), valueBytes(value), timestamp);
    }

    @Override
    public VersionedRecord<V> delete(K key, long timestamp) {
        return record(inner.delete(keyBytes(key), timestamp));
    }

    @Override
    public VersionedRecord<V> get(K key) {
        return record(inner.get(keyBytes(key)));
    }

    @Override
    public VersionedRecord<V> get(K key, long asOfTimestamp) {
        return record(inner.get(keyBytes(key), asOfTimestamp));
    }
}
