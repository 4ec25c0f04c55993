package dev.millrace.streams.state.internals;

import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.VersionedBytesStore;
import dev.millrace.streams.state.VersionedKeyValueStore;
import dev.millrace.streams.state.VersionedRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/**
 * The serde layer of versioned stores (outermost), as {@link MeteredKeyValueStore} for key-value stores: null serdes
 * mean the application's defaults, and serdes see the changelog topic's name. As in Kafka Streams, the records it
 * returns carry value and timestamp but no validTo, although the bytes store below knows it.
 */
public class MeteredVersionedKeyValueStore<K, V> implements VersionedKeyValueStore<K, V> {
    private final VersionedBytesStore inner;
    private Serde<K> keySerde;
    private Serde<V> valueSerde;
    private String topic;

    public MeteredVersionedKeyValueStore(VersionedBytesStore inner, Serde<K> keySerde, Serde<V> valueSerde) {
        this.inner = inner;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    public VersionedBytesStore wrapped() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (keySerde == null) keySerde = MeteredKeyValueStore.defaultSerde(context, MeteredKeyValueStore.DEFAULT_KEY_SERDE, true);
        if (valueSerde == null) valueSerde = MeteredKeyValueStore.defaultSerde(context, MeteredKeyValueStore.DEFAULT_VALUE_SERDE, false);
        topic = MeteredKeyValueStore.changelogTopic(context.applicationId(), name());
        inner.init(context, root);
    }

    private Bytes keyBytes(K key) {
        Objects.requireNonNull(key, "key cannot be null");
        if (keySerde == null) throw new InvalidStateStoreException("store " + name() + " is not initialised");
        return Bytes.wrap(keySerde.serializer().serialize(topic, key));
    }

    private VersionedRecord<V> record(VersionedRecord<byte[]> r) {
        if (r == null) return null;
        // Kafka Streams' store answers value and timestamp only (validTo reaches users through interactive queries)
        return new VersionedRecord<>(valueSerde.deserializer().deserialize(topic, r.value()), r.timestamp());
    }

    @Override
    public long put(K key, V value, long timestamp) {
        Bytes k = keyBytes(key);
        return inner.put(k, value == null ? null : valueSerde.serializer().serialize(topic, value), timestamp);
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

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
