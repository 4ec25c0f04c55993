package dev.millrace.broker.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.millrace.broker.group.CoordinatorRecords.GroupRecord;
import dev.millrace.broker.group.CoordinatorRecords.GroupSnapshot;
import dev.millrace.broker.group.CoordinatorRecords.KeyValue;
import dev.millrace.broker.group.CoordinatorRecords.MemberSnapshot;
import dev.millrace.broker.group.CoordinatorRecords.OffsetRecord;
import dev.millrace.broker.partition.TopicPartition;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;

/** The __consumer_offsets record format and the batches that carry it. */
class CoordinatorRecordsTest {

    @Test
    void offsetKeyIsKafkasVersionOneLayout() {
        KeyValue kv = CoordinatorRecords.offsetCommit("g", new TopicPartition("t", 3),
                new CommittedOffset(42, 5, "meta", 1000, -1));
        // int16 version 1, then group, topic (int16 length + UTF-8) and partition: Kafka's OffsetCommitKey.
        assertArrayEquals(new byte[] {0, 1, 0, 1, 'g', 0, 1, 't', 0, 0, 0, 3}, kv.key());
        ByteBuffer v = ByteBuffer.wrap(kv.value());
        assertEquals(3, v.getShort());                 // value v3: offset, leader epoch, metadata, commit time
        assertEquals(42, v.getLong());
        assertEquals(5, v.getInt());
        assertEquals(4, v.getShort());
    }

    @Test
    void recordsRoundTripThroughABatchKafkaCanRead() {
        List<KeyValue> records = new ArrayList<>();
        records.add(CoordinatorRecords.offsetCommit("g", new TopicPartition("t", 0),
                new CommittedOffset(7, -1, "", 1000, 9000)));
        records.add(CoordinatorRecords.offsetCommit("g", new TopicPartition("t", 1), null));
        records.add(CoordinatorRecords.groupMetadata("g", new GroupSnapshot("consumer", 4, "range", "m1", 1234,
                List.of(new MemberSnapshot("m1", "i1", "client", "/127.0.0.1", 30000, 6000, new byte[] {1},
                        new byte[] {2, 3})))));
        records.add(CoordinatorRecords.groupMetadata("gone", null));
        ByteBuf batch = CoordinatorBatches.build(records, 5000, ByteBufAllocator.DEFAULT);
        try {
            // kafka-clients' own reader accepts the batch (CRC, lengths, record framing).
            ByteBuffer nio = ByteBuffer.allocate(batch.readableBytes());
            batch.getBytes(batch.readerIndex(), nio);
            nio.flip();
            RecordBatch kafkaBatch = MemoryRecords.readableRecords(nio).batches().iterator().next();
            kafkaBatch.ensureValid();
            List<Record> kafkaRecords = new ArrayList<>();
            kafkaBatch.forEach(kafkaRecords::add);
            assertEquals(4, kafkaRecords.size());
            assertEquals(false, kafkaRecords.get(1).hasValue());

            List<CoordinatorRecords.Decoded> decoded = new ArrayList<>();
            long next = CoordinatorBatches.forEachRecord(batch, (k, v) -> decoded.add(CoordinatorRecords.decode(k, v)));
            assertEquals(4, next);
            OffsetRecord o = (OffsetRecord) decoded.get(0);
            assertEquals(new CommittedOffset(7, -1, "", 1000, 9000), o.value());
            assertNull(((OffsetRecord) decoded.get(1)).value());
            GroupSnapshot g = ((GroupRecord) decoded.get(2)).value();
            assertEquals(4, g.generation());
            assertEquals("range", g.protocol());
            assertEquals("i1", g.members().get(0).groupInstanceId());
            assertArrayEquals(new byte[] {2, 3}, g.members().get(0).assignment());
            assertNull(((GroupRecord) decoded.get(3)).value());
        } finally {
            batch.release();
        }
    }

    @Test
    void subscriptionTopicsAreRead() {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(3).writeInt(2).writeShort(1).writeByte('a').writeShort(2).writeBytes("bc".getBytes());
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        b.release();
        assertEquals(java.util.Set.of("a", "bc"), ConsumerProtocol.subscribedTopics(bytes));
        assertNull(ConsumerProtocol.subscribedTopics(new byte[] {0}));
    }
}
