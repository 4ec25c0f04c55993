package dev.millrace.streams.kstream.internals.foreignkeyjoin;

import dev.millrace.streams.processor.api.ProcessorContext;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;

/**
 * The subscription store's key bytes, as Kafka Streams lays them out: {@code [foreign key length int][foreign key]
 * [primary key]}, so all subscriptions to one foreign key share a prefix and a prefix scan finds them. Unset serdes
 * are the default key serde.
 */
public final class CombinedKeySchema<KO, K> {
    private final Serde<KO> foreignKeySerde;
    private final Serde<K> primaryKeySerde;
    private Serializer<KO> foreignKeySerializer;
    private Deserializer<KO> foreignKeyDeserializer;
    private Serializer<K> primaryKeySerializer;
    private Deserializer<K> primaryKeyDeserializer;

    public CombinedKeySchema(Serde<KO> foreignKeySerde, Serde<K> primaryKeySerde) {
        this.foreignKeySerde = foreignKeySerde;
        this.primaryKeySerde = primaryKeySerde;
    }

    @SuppressWarnings("unchecked")
    void init(ProcessorContext<?, ?> context) {
        Serde<KO> fk = foreignKeySerde != null ? foreignKeySerde : (Serde<KO>) context.keySerde();
        Serde<K> pk = primaryKeySerde != null ? primaryKeySerde : (Serde<K>) context.keySerde();
        foreignKeySerializer = fk.serializer();
        foreignKeyDeserializer = fk.deserializer();
        primaryKeySerializer = pk.serializer();
        primaryKeyDeserializer = pk.deserializer();
    }

    Bytes toBytes(KO foreignKey, K primaryKey) {
        byte[] fk = foreignKeySerializer.serialize(null, foreignKey);
        byte[] pk = primaryKeySerializer.serialize(null, primaryKey);
        return Bytes.wrap(ByteBuffer.allocate(Integer.BYTES + fk.length + pk.length).putInt(fk.length).put(fk).put(pk).array());
    }

    Bytes prefixBytes(KO foreignKey) {
        byte[] fk = foreignKeySerializer.serialize(null, foreignKey);
        return Bytes.wrap(ByteBuffer.allocate(Integer.BYTES + fk.length).putInt(fk.length).put(fk).array());
    }

    CombinedKey<KO, K> fromBytes(Bytes bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes.get());
        byte[] fk = new byte[buf.getInt()];
        buf.get(fk);
        byte[] pk = new byte[buf.remaining()];
        buf.get(pk);
        return new CombinedKey<>(foreignKeyDeserializer.deserialize(null, fk), primaryKeyDeserializer.deserialize(null, pk));
    }
}
