package dev.millrace.broker.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;

class RecordBatchTest {

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void headerFieldsMatchKafkasParse(CompressionType codec) {
        ByteBuf buf = KafkaBatches.spec().codec(codec).count(5).producer(42L, 3, 100).build();
        try {
            MutableRecordBatch theirs = KafkaBatches.batches(KafkaBatches.parse(buf)).get(0);
            RecordBatch ours = new RecordBatch(buf, buf.readerIndex());
            assertEquals(theirs.baseOffset(), ours.baseOffset());
            assertEquals(theirs.sizeInBytes(), ours.sizeInBytes());
            assertEquals(theirs.partitionLeaderEpoch(), ours.partitionLeaderEpoch());
            assertEquals(theirs.magic(), ours.magic());
            assertEquals(theirs.checksum(), ours.crc());
            assertEquals(theirs.compressionType().id, ours.compression().id());
            assertEquals(theirs.lastOffset(), ours.lastOffset());
            assertEquals(theirs.maxTimestamp(), ours.maxTimestamp());
            assertEquals(theirs.producerId(), ours.producerId());
            assertEquals(theirs.producerEpoch(), ours.producerEpoch());
            assertEquals(theirs.baseSequence(), ours.baseSequence());
            assertEquals(theirs.lastSequence(), ours.lastSequence());
            assertEquals(theirs.countOrNull(), ours.recordCount());
            assertFalse(ours.isLogAppendTime());
            assertFalse(ours.isTransactional());
            assertFalse(ours.isControl());
            assertTrue(ours.isCrcValid());
        } finally {
            buf.release();
        }
    }

    @Test
    void stampingOffsetAndEpochKeepsCrcAndLogAppendTimeRecomputesIt() {
        ByteBuf buf = KafkaBatches.spec().codec(CompressionType.LZ4).count(4).build();
        try {
            RecordBatch batch = new RecordBatch(buf, 0);
            long crc = batch.crc();
            batch.setBaseOffset(1000L);
            batch.setPartitionLeaderEpoch(7);
            assertEquals(crc, batch.crc());
            assertTrue(batch.isCrcValid());
            batch.setLogAppendTime(1_800_000_000_000L);
            assertTrue(batch.isLogAppendTime());
            assertTrue(batch.isCrcValid());

            MutableRecordBatch theirs = KafkaBatches.batches(KafkaBatches.parse(buf)).get(0);
            theirs.ensureValid();
            assertEquals(1000L, theirs.baseOffset());
            assertEquals(7, theirs.partitionLeaderEpoch());
            assertEquals(TimestampType.LOG_APPEND_TIME, theirs.timestampType());
            theirs.forEach(r -> assertEquals(1_800_000_000_000L, r.timestamp()));
            assertEquals(List.of("1000:1800000000000:key-0:value-0:1", "1001:1800000000000:key-1:value-1:1",
                    "1002:1800000000000:key-2:value-2:1", "1003:1800000000000:key-3:value-3:1"),
                    KafkaBatches.describe(KafkaBatches.parse(buf)));
        } finally {
            buf.release();
        }
    }

    @Test
    void lastSequenceWrapsPastIntegerMax() {
        ByteBuf buf = KafkaBatches.spec().count(5).producer(1L, 0, Integer.MAX_VALUE - 1).build();
        try {
            RecordBatch batch = new RecordBatch(buf, 0);
            assertEquals(2, batch.lastSequence());
            assertEquals(0, RecordBatch.incrementSequence(Integer.MAX_VALUE, 1));
            assertEquals(10, RecordBatch.incrementSequence(5, 5));
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void readerWalksKafkasRecords(CompressionType codec) {
        ByteBuf buf = KafkaBatches.spec().codec(codec).count(50).valueSize(3000).build();
        try (RecordReader reader = new RecordReader()) {
            RecordBatch batch = new RecordBatch(buf, 0);
            reader.open(batch);
            int n = 0;
            while (reader.next()) {
                assertEquals(n, reader.offsetDelta());
                assertEquals(n, reader.timestampDelta());
                assertEquals(("key-" + n).length(), reader.keyLength());
                assertEquals(3000, reader.valueLength());
                assertEquals(1, reader.headerCount());
                n++;
            }
            assertEquals(50, n);
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void recompressionToEveryCodecIsReadableByKafka(CompressionType from) {
        ByteBuf source = KafkaBatches.spec().codec(from).count(20).producer(9L, 1, 40).build();
        try {
            new RecordBatch(source, 0).setBaseOffset(77L);
            List<String> expected = KafkaBatches.describe(KafkaBatches.parse(source));
            for (CompressionType to : CompressionType.values()) {
                ByteBuf out = BatchRecompressor.recompress(new RecordBatch(source, 0), to, to.defaultLevel(),
                        ByteBufAllocator.DEFAULT);
                try {
                    RecordBatch rewritten = new RecordBatch(out, out.readerIndex());
                    assertEquals(to, rewritten.compression());
                    assertTrue(rewritten.isCrcValid());
                    assertEquals(out.readableBytes(), rewritten.sizeInBytes());
                    MemoryRecords theirs = KafkaBatches.parse(out);
                    MutableRecordBatch tb = KafkaBatches.batches(theirs).get(0);
                    assertEquals(to.id(), tb.compressionType().id);
                    assertEquals(9L, tb.producerId());
                    assertEquals(40, tb.baseSequence());
                    assertEquals(expected, KafkaBatches.describe(theirs), from + " -> " + to);
                } finally {
                    out.release();
                }
            }
        } finally {
            source.release();
        }
    }

    @Test
    void snappyDecoderAcceptsRawSnappyBlocks() throws IOException {
        ByteBuf plain = KafkaBatches.spec().count(10).build();
        try {
            RecordBatch batch = new RecordBatch(plain, 0);
            byte[] records = new byte[batch.sizeInBytes() - RecordBatch.HEADER_SIZE];
            plain.getBytes(RecordBatch.HEADER_SIZE, records);
            byte[] raw = Snappy.compress(records);
            try (InputStream in = CompressionType.SNAPPY.decompress(Unpooled.wrappedBuffer(raw))) {
                ByteArrayOutputStream back = new ByteArrayOutputStream();
                in.transferTo(back);
                assertEquals(records.length, back.size());
                assertTrue(java.util.Arrays.equals(records, back.toByteArray()));
            }
        } finally {
            plain.release();
        }
    }

    @Test
    void compressionNamesAndIds() {
        for (CompressionType type : CompressionType.values()) {
            assertEquals(type, CompressionType.forId(type.id()));
            assertEquals(type, CompressionType.forName(type.kafkaName()));
        }
        assertThrows(IllegalArgumentException.class, () -> CompressionType.forId(5));
        assertThrows(IllegalArgumentException.class, () -> CompressionType.forName("brotli"));
    }
}
