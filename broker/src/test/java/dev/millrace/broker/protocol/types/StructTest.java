package dev.millrace.broker.protocol.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.protocol.message.FetchMessages;
import dev.millrace.broker.protocol.message.MetadataMessages;
import dev.millrace.broker.protocol.message.ProduceMessages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.junit.jupiter.api.Test;

class StructTest {

    @Test
    void newStructHoldsDeclaredDefaults() {
        Struct fetch = FetchMessages.REQUEST.newStruct();
        assertEquals(Integer.MAX_VALUE, fetch.getInt("MaxBytes"));
        assertEquals(-1, fetch.getInt("ReplicaId"));
        assertEquals(0, fetch.getByte("IsolationLevel"));
        assertEquals(-1, fetch.getInt("SessionEpoch"));
        assertNull(fetch.getString("ClusterId"));
        assertEquals("", fetch.getString("RackId"));
        assertEquals(List.of(), fetch.getStructArray("Topics"));
        assertEquals(-1L, fetch.getStruct("ReplicaState").getLong("ReplicaEpoch"));
        Struct partition = fetch.newStruct("Topics").newStruct("Partitions");
        assertEquals(Long.MAX_VALUE, partition.getLong("HighWatermark"));
        assertSame(Uuid.ZERO, partition.getUuid("ReplicaDirectoryId"));
        assertTrue(MetadataMessages.REQUEST.newStruct().getBoolean("AllowAutoTopicCreation"));
    }

    @Test
    void unknownFieldNamesTheFieldAndStruct() {
        Struct produce = ProduceMessages.REQUEST.newStruct();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> produce.get("Acks2"));
        assertTrue(e.getMessage().contains("Acks2") && e.getMessage().contains("ProduceRequest"), e.getMessage());
        Struct topic = produce.addStruct("TopicData");
        e = assertThrows(IllegalArgumentException.class, () -> topic.set("Partitions", List.of()));
        assertTrue(e.getMessage().contains("Partitions") && e.getMessage().contains("TopicProduceData"), e.getMessage());
    }

    @Test
    void setIsLenientAboutNumbersButNotTypes() {
        Struct produce = ProduceMessages.REQUEST.newStruct().set("Acks", -1).set("TimeoutMs", 30_000L);
        assertInstanceOf(Short.class, produce.get("Acks"));
        assertInstanceOf(Integer.class, produce.get("TimeoutMs"));
        assertEquals(30_000, produce.getInt("TimeoutMs"));
        assertEquals(-1L, produce.getLong("Acks"));
        assertThrows(IllegalArgumentException.class, () -> produce.set("Acks", "all"));
        assertThrows(IllegalArgumentException.class, () -> produce.set("TransactionalId", 5));
        assertThrows(IllegalArgumentException.class,
                () -> produce.set("TopicData", FetchMessages.REQUEST.newStruct()));
    }

    @Test
    void fieldHandlesReadAndWriteTheSameValuesAsNames() {
        Field offset = FetchMessages.REQUEST.field("Topics.Partitions.FetchOffset");
        Field maxBytes = FetchMessages.REQUEST.field("MaxBytes");
        Field isolation = FetchMessages.REQUEST.field("IsolationLevel");
        Field partitions = FetchMessages.REQUEST.field("Topics.Partitions");
        Struct fetch = FetchMessages.REQUEST.newStruct().setInt(maxBytes, 1_000).set(isolation, 1);
        assertEquals(1_000, fetch.getInt("MaxBytes"));
        assertEquals((byte) 1, fetch.get("IsolationLevel"));
        Struct partition = fetch.addStruct("Topics").addStruct(partitions).setLong(offset, 1L << 40);
        assertEquals(1L << 40, partition.getLong("FetchOffset"));
        assertEquals(Long.valueOf(1L << 40), partition.get("FetchOffset"));
        partition.set("FetchOffset", 7);
        assertEquals(7L, partition.getLong(offset));

        Struct back = FetchMessages.REQUEST.read(encode(FetchMessages.REQUEST, fetch, (short) 12), (short) 12);
        assertEquals(fetch, back);
        assertEquals(7L, back.getStructArray("Topics").get(0).getStructArray(partitions).get(0).getLong(offset));
    }

    @Test
    void fieldHandlesRefuseTheWrongStructAndTheWrongType() {
        Field offset = FetchMessages.REQUEST.field("Topics.Partitions.FetchOffset");
        Struct fetch = FetchMessages.REQUEST.newStruct();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fetch.getLong(offset));
        assertTrue(e.getMessage().contains("FetchRequest.Topics.Partitions.FetchOffset"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fetch.getInt(FetchMessages.REQUEST.field("Topics")));
        assertThrows(IllegalArgumentException.class, () -> fetch.getObject(FetchMessages.REQUEST.field("MaxBytes")));
        assertThrows(IllegalArgumentException.class, () -> fetch.setLong(FetchMessages.REQUEST.field("RackId"), 1));
        assertThrows(IllegalArgumentException.class, () -> FetchMessages.REQUEST.field("Topics.Partition"));
        assertThrows(IllegalArgumentException.class, () -> FetchMessages.REQUEST.field("MaxBytes.Nothing"));
    }

    @Test
    void numbersAreStoredAtTheirWidthAndRefuseNull() {
        Struct produce = ProduceMessages.REQUEST.newStruct();
        Field acks = ProduceMessages.REQUEST.field("Acks");
        produce.setLong(acks, 0x1_0001L); // int16: truncated like Number.shortValue(), as set(name) does
        assertEquals((short) 1, produce.get("Acks"));
        assertThrows(IllegalArgumentException.class, () -> produce.set("TimeoutMs", null));

        MessageSchema unsigned = Schema.message("Unsigned", "0", "0",
                Schema.field("Port", Type.UINT16, "0"), Schema.field("Size", Type.UINT32, "0"),
                Schema.field("Ratio", Type.FLOAT64, "0"));
        Field port = unsigned.field("Port");
        Field size = unsigned.field("Size");
        Struct u = unsigned.newStruct().setInt(port, 0xffff).setLong(size, 0xffff_ffffL).set("Ratio", 0.5);
        assertEquals(0xffff, u.getInt(port));
        assertEquals(0xffff_ffffL, u.getLong(size));
        assertEquals(0.5, u.getDouble("Ratio"));
        assertThrows(IllegalArgumentException.class, () -> u.setInt(port, 0x1_0000));
        assertThrows(IllegalArgumentException.class, () -> u.setLong(size, -1));
        assertThrows(IllegalArgumentException.class, () -> u.getLong(unsigned.field("Ratio")));
        Struct back = unsigned.read(encode(unsigned, u, (short) 0), (short) 0);
        assertEquals(u, back);
        assertEquals(0xffff_ffffL, back.getLong(size));
    }

    @Test
    void addStructAppendsToTheDefaultList() {
        Struct produce = ProduceMessages.REQUEST.newStruct();
        Struct t1 = produce.addStruct("TopicData").set("Name", "a");
        Struct t2 = produce.addStruct("TopicData").set("Name", "b");
        assertEquals(List.of(t1, t2), produce.getStructArray("TopicData"));
        assertThrows(IllegalArgumentException.class, () -> produce.addStruct("Acks"));
        assertThrows(IllegalArgumentException.class, () -> produce.newStruct("Acks"));
    }

    @Test
    void nullWhereNotNullableIsAWriteError() {
        Struct metadata = MetadataMessages.REQUEST.newStruct().set("Topics", null);
        ByteBuf out = Unpooled.buffer();
        MetadataMessages.REQUEST.write(metadata, (short) 1, out); // null = all topics from v1
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MetadataMessages.REQUEST.write(metadata, (short) 0, Unpooled.buffer()));
        assertTrue(e.getMessage().contains("MetadataRequest.Topics"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> MetadataMessages.REQUEST.sizeOf(metadata, (short) 0));
    }

    @Test
    void fieldsOutsideTheirVersionsAreSkipped() {
        Struct produce = ProduceMessages.REQUEST.newStruct();
        produce.addStruct("TopicData").set("Name", "orders").set("TopicId", Uuid.random());
        // v13 has only the id, v12 only the name: both encodings are valid and differ by 16 - 7 bytes
        int v12 = ProduceMessages.REQUEST.sizeOf(produce, (short) 12);
        int v13 = ProduceMessages.REQUEST.sizeOf(produce, (short) 13);
        assertEquals(16 - ("orders".length() + 1), v13 - v12);
        Struct back = ProduceMessages.REQUEST.read(encode(ProduceMessages.REQUEST, produce, (short) 12), (short) 12);
        assertSame(Uuid.ZERO, back.getStructArray("TopicData").get(0).getUuid("TopicId"));
    }

    @Test
    void taggedFieldsAreWrittenOnlyWhenNotDefault() {
        Struct fetch = FetchMessages.REQUEST.newStruct();
        int plain = FetchMessages.REQUEST.sizeOf(fetch, (short) 12);
        fetch.set("ClusterId", "c");
        assertEquals(plain + 4, FetchMessages.REQUEST.sizeOf(fetch, (short) 12)); // tag, size, length, 'c'
        fetch.set("ClusterId", null);
        fetch.getStruct("ReplicaState").set("ReplicaId", 3);
        assertEquals(plain, FetchMessages.REQUEST.sizeOf(fetch, (short) 14), "ReplicaState is tagged from v15");
        assertEquals(plain - 4 + 2 + 13, FetchMessages.REQUEST.sizeOf(fetch, (short) 15),
                "v15 drops ReplicaId (4 bytes) and writes ReplicaState (tag, size, 12 bytes and its own tag count)");
    }

    @Test
    void unknownTagsAreSkipped() {
        FetchResponseData kafka = new FetchResponseData().setThrottleTimeMs(7);
        FetchResponseData.FetchableTopicResponse topic = new FetchResponseData.FetchableTopicResponse().setTopic("t");
        topic.partitions().add(new FetchResponseData.PartitionData().setPartitionIndex(3));
        topic.partitions().get(0).unknownTaggedFields().add(new RawTaggedField(9, new byte[] {1, 2, 3}));
        kafka.responses().add(topic);
        kafka.unknownTaggedFields().add(new RawTaggedField(5, new byte[] {9}));
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer bytes = ByteBuffer.allocate(kafka.size(cache, (short) 12));
        kafka.write(new ByteBufferAccessor(bytes), cache, (short) 12);

        ByteBuf in = Unpooled.wrappedBuffer(bytes.array());
        Struct ours = FetchMessages.RESPONSE.read(in, (short) 12);
        assertEquals(0, in.readableBytes());
        assertEquals(7, ours.getInt("ThrottleTimeMs"));
        assertEquals(3, ours.getStructArray("Responses").get(0).getStructArray("Partitions").get(0)
                .getInt("PartitionIndex"));
    }

    @Test
    void recordsAreReadAsASliceOfTheInput() {
        Struct produce = ProduceMessages.REQUEST.newStruct();
        produce.addStruct("TopicData").set("Name", "t").addStruct("PartitionData")
                .set("Records", new ByteBufRecords(Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4})));
        ByteBuf in = encode(ProduceMessages.REQUEST, produce, (short) 9);
        Struct back = ProduceMessages.REQUEST.read(in, (short) 9);
        ByteBuf records = ((ByteBufRecords) back.getStructArray("TopicData").get(0).getStructArray("PartitionData")
                .get(0).getRecords("Records")).buf();
        assertEquals(4, records.readableBytes());
        in.setByte(in.writerIndex() - 4, 99); // the records' last byte, before the tag counts of partition, topic, body
        assertEquals(99, records.getByte(records.readerIndex() + 3));
    }

    @Test
    void structOfTheWrongSchemaInAnArrayIsAWriteError() {
        Struct produce = ProduceMessages.REQUEST.newStruct();
        produce.set("TopicData", List.of(FetchMessages.REQUEST.newStruct()));
        assertThrows(IllegalStateException.class,
                () -> ProduceMessages.REQUEST.write(produce, (short) 9, Unpooled.buffer()));
    }

    private static ByteBuf encode(MessageSchema schema, Struct s, short version) {
        ByteBuf out = Unpooled.buffer();
        schema.write(s, version, out);
        return out;
    }
}
