package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The records of a left or outer stream-stream join that have not joined yet, in the join's shared store
 * ({@code KSTREAM-OUTERSHARED-...-store}), laid out as Kafka Streams lays it out so the bytes and the scan order are
 * the same: the key is the record's timestamp (8 bytes, big-endian), its side (1 left, 0 right) and the serialized
 * key; the value is the list (Kafka's {@code ListSerde} of byte arrays) of the records with that key, each its side
 * byte and serialized value. A scan therefore meets records oldest first, the right side before the left at equal
 * timestamps.
 */
final class OuterJoinBuffer<K, VLeft, VRight> {
    private static final Serde<List<byte[]>> LIST_SERDE = Serdes.ListSerde(ArrayList.class, Serdes.ByteArray());

    private final KeyValueStore<Bytes, byte[]> store;
    private final Serde<K> keySerde;
    private final Serde<VLeft> leftSerde;
    private final Serde<VRight> rightSerde;
    private final String topic;

    /** One waiting record, decoded; {@code rawKey} is what {@link #delete} takes. */
    record Entry<K, VLeft, VRight>(Bytes rawKey, long timestamp, boolean leftSide, K key, VLeft leftValue,
                                   VRight rightValue) {
    }

    OuterJoinBuffer(KeyValueStore<Bytes, byte[]> store, Serde<K> keySerde, Serde<VLeft> leftSerde, Serde<VRight> rightSerde) {
        this.store = store;
        this.keySerde = keySerde;
        this.leftSerde = leftSerde;
        this.rightSerde = rightSerde;
        this.topic = store.name();
    }

    /** Adds a record that found no partner (yet). */
    void add(K key, long timestamp, boolean leftSide, Object value) {
        byte[] raw = leftSide
                ? leftSerde.serializer().serialize(topic, cast(value))
                : rightSerde.serializer().serialize(topic, cast(value));
        if (raw == null) return;
        byte[] tagged = ByteBuffer.allocate(1 + raw.length).put((byte) (leftSide ? 1 : 0)).put(raw).array();
        Bytes k = rawKey(key, timestamp, leftSide);
        byte[] old = store.get(k);
        List<byte[]> list = old == null ? new ArrayList<>() : LIST_SERDE.deserializer().deserialize(topic, old);
        list.add(tagged);
        store.put(k, LIST_SERDE.serializer().serialize(topic, list));
    }

    /** Forgets the records of this key, timestamp and side: one of them just joined, so none is a left/outer result. */
    void removeIfPresent(K key, long timestamp, boolean leftSide) {
        Bytes k = rawKey(key, timestamp, leftSide);
        if (store.get(k) != null) store.put(k, null);
    }

    void delete(Bytes rawKey) {
        store.put(rawKey, null);
    }

    /** Every waiting record in store order; the caller closes it. */
    KeyValueIterator<Bytes, byte[]> rawIterator() {
        return store.all();
    }

    /** The records one store entry holds, in the order they were added. */
    List<Entry<K, VLeft, VRight>> decode(KeyValue<Bytes, byte[]> stored) {
        byte[] k = stored.key.get();
        ByteBuffer buf = ByteBuffer.wrap(k);
        long timestamp = buf.getLong();
        boolean leftSide = buf.get() == 1;
        K key = keySerde.deserializer().deserialize(topic, Arrays.copyOfRange(k, 9, k.length));
        List<Entry<K, VLeft, VRight>> out = new ArrayList<>();
        for (byte[] tagged : LIST_SERDE.deserializer().deserialize(topic, stored.value)) {
            byte[] raw = Arrays.copyOfRange(tagged, 1, tagged.length);
            if (tagged[0] == 1) {
                out.add(new Entry<>(stored.key, timestamp, leftSide, key, leftSerde.deserializer().deserialize(topic, raw), null));
            } else {
                out.add(new Entry<>(stored.key, timestamp, leftSide, key, null, rightSerde.deserializer().deserialize(topic, raw)));
            }
        }
        return out;
    }

    private Bytes rawKey(K key, long timestamp, boolean leftSide) {
        byte[] keyBytes = keySerde.serializer().serialize(topic, key);
        return Bytes.wrap(ByteBuffer.allocate(9 + keyBytes.length).putLong(timestamp).put((byte) (leftSide ? 1 : 0))
                .put(keyBytes).array());
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
