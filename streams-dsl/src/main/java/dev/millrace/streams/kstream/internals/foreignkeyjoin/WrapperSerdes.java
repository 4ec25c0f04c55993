package dev.millrace.streams.kstream.internals.foreignkeyjoin;

import dev.millrace.streams.processor.internals.WrapsDefaultSerdes;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;

/**
 * Bytes of the subscription and response topics: {@code [version][flags][16-byte hash if any][partition int]}
 * then the primary key (subscriptions) or the foreign value (responses, absent when null). Wrapped serdes left unset
 * (the tables' default serdes) are filled in by the sink or source that uses them.
 */
public final class WrapperSerdes {
    private static final byte VERSION = 1;
    private static final int HASH_BYTES = 16;

    private WrapperSerdes() {
    }

    /** Subscription bytes; the primary key's serde is the default key serde when unset. */
    public static final class SubscriptionSerde<K> implements Serializer<SubscriptionWrapper<K>>,
            Deserializer<SubscriptionWrapper<K>>, WrapsDefaultSerdes {
        private Serializer<K> keySerializer;
        private Deserializer<K> keyDeserializer;

        public SubscriptionSerde(Serde<K> primaryKeySerde) {
            keySerializer = primaryKeySerde == null ? null : primaryKeySerde.serializer();
            keyDeserializer = primaryKeySerde == null ? null : primaryKeySerde.deserializer();
        }

        @Override
        @SuppressWarnings("unchecked")
        public void setIfUnset(Serde<?> defaultKeySerde, Serde<?> defaultValueSerde) {
            if (keySerializer == null) keySerializer = (Serializer<K>) defaultKeySerde.serializer();
            if (keyDeserializer == null) keyDeserializer = (Deserializer<K>) defaultKeySerde.deserializer();
        }

        @Override
        public void configure(java.util.Map<String, ?> configs, boolean isKey) {
            // configured through the serdes it wraps
        }

        @Override
        public void close() {
            // nothing held
        }

        @Override
        public byte[] serialize(String topic, SubscriptionWrapper<K> data) {
            byte[] key = keySerializer.serialize(topic, data.primaryKey());
            ByteBuffer buf = header(data.instruction().value, data.hash(), data.primaryPartition(), key.length);
            return buf.put(key).array();
        }

        @Override
        public SubscriptionWrapper<K> deserialize(String topic, byte[] data) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            checkVersion(buf.get());
            byte flags = buf.get();
            byte[] hash = hash(buf, flags);
            Integer partition = partition(buf.getInt());
            byte[] key = new byte[buf.remaining()];
            buf.get(key);
            return new SubscriptionWrapper<>(hash, SubscriptionWrapper.Instruction.of((byte) (flags & 0x7f)),
                    keyDeserializer.deserialize(topic, key), partition);
        }
    }

    /** Response bytes; the foreign value's serde is the default value serde when unset. */
    public static final class ResponseSerde<VO> implements Serializer<SubscriptionResponseWrapper<VO>>,
            Deserializer<SubscriptionResponseWrapper<VO>>, WrapsDefaultSerdes {
        private Serializer<VO> valueSerializer;
        private Deserializer<VO> valueDeserializer;

        public ResponseSerde(Serde<VO> foreignValueSerde) {
            valueSerializer = foreignValueSerde == null ? null : foreignValueSerde.serializer();
            valueDeserializer = foreignValueSerde == null ? null : foreignValueSerde.deserializer();
        }

        @Override
        @SuppressWarnings("unchecked")
        public void setIfUnset(Serde<?> defaultKeySerde, Serde<?> defaultValueSerde) {
            if (valueSerializer == null) valueSerializer = (Serializer<VO>) defaultValueSerde.serializer();
            if (valueDeserializer == null) valueDeserializer = (Deserializer<VO>) defaultValueSerde.deserializer();
        }

        @Override
        public void configure(java.util.Map<String, ?> configs, boolean isKey) {
            // configured through the serdes it wraps
        }

        @Override
        public void close() {
            // nothing held
        }

        @Override
        public byte[] serialize(String topic, SubscriptionResponseWrapper<VO> data) {
            byte[] value = data.foreignValue() == null ? null : valueSerializer.serialize(topic, data.foreignValue());
            // bit 0 of the flags: a value follows
            ByteBuffer buf = header((byte) (value == null ? 0 : 1), data.originalValueHash(), data.primaryPartition(),
                    value == null ? 0 : value.length);
            if (value != null) buf.put(value);
            return buf.array();
        }

        @Override
        public SubscriptionResponseWrapper<VO> deserialize(String topic, byte[] data) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            checkVersion(buf.get());
            byte flags = buf.get();
            byte[] hash = hash(buf, flags);
            Integer partition = partition(buf.getInt());
            VO value = null;
            // an empty serialized value reads as no value, as in Kafka Streams (whose format cannot tell them apart)
            if ((flags & 1) != 0 && buf.hasRemaining()) {
                byte[] bytes = new byte[buf.remaining()];
                buf.get(bytes);
                value = valueDeserializer.deserialize(topic, bytes);
            }
            return new SubscriptionResponseWrapper<>(hash, value, partition);
        }
    }

    /** Flags carry the caller's low bits; the top bit says a hash follows. */
    private static ByteBuffer header(byte lowFlags, byte[] hash, Integer partition, int payload) {
        ByteBuffer buf = ByteBuffer.allocate(2 + (hash == null ? 0 : HASH_BYTES) + 4 + payload);
        buf.put(VERSION).put((byte) (lowFlags | (hash == null ? 0 : 0x80)));
        if (hash != null) buf.put(hash);
        return buf.putInt(partition == null ? -1 : partition);
    }

    private static void checkVersion(byte version) {
        if (version != VERSION) throw new IllegalStateException("Unknown foreign-key join wrapper version " + version);
    }

    private static byte[] hash(ByteBuffer buf, byte flags) {
        if ((flags & 0x80) == 0) return null;
        byte[] hash = new byte[HASH_BYTES];
        buf.get(hash);
        return hash;
    }

    private static Integer partition(int p) {
        return p < 0 ? null : p;
    }
}
