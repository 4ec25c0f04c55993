package dev.millrace.broker.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.record.RecordValidationException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchValidatorTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final BatchValidator.Rules RULES =
            new BatchValidator.Rules(1048588, false, Long.MAX_VALUE, 3_600_000L, false);
    private static final short PRODUCE_V9 = 9;

    private final BatchValidator validator = new BatchValidator();

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void acceptsKafkaBatchesOfEveryCodec(CompressionType codec) {
        ByteBuf buf = KafkaBatches.spec().codec(codec).count(30).valueSize(500).timestamp(NOW - 100).build();
        try {
            BatchValidator.Result result = validator.validate(buf, PRODUCE_V9, RULES, NOW);
            assertEquals(NOW - 100 + 29, result.maxTimestamp());
            assertEquals(29, result.offsetDeltaOfMaxTimestamp());
        } finally {
            buf.release();
        }
    }

    /** The record walk reads a heap buffer's array and a direct buffer's memory, from a slice at an offset. */
    @Test
    void recordsAreWalkedInSlicesOfHeapAndDirectBuffers() {
        ByteBuf batch = KafkaBatches.spec().count(30).valueSize(50).timestamp(NOW - 100).build();
        int size = batch.readableBytes();
        ByteBuf heap = Unpooled.buffer(size + 100).writeZero(37).writeBytes(batch, 0, size).writeZero(20);
        ByteBuf direct = Unpooled.directBuffer(size + 100).writeZero(37).writeBytes(batch, 0, size).writeZero(20);
        try {
            for (ByteBuf frame : new ByteBuf[] {heap, direct}) {
                ByteBuf slice = frame.slice(37, size);
                BatchValidator.Result result = validator.validate(slice, PRODUCE_V9, RULES, NOW);
                assertEquals(NOW - 100 + 29, result.maxTimestamp());
                // a record length one byte too long now reaches into the bytes after the slice's batch
                int firstRecord = 37 + RecordBatch.HEADER_SIZE;
                byte length = frame.getByte(firstRecord);
                frame.setByte(firstRecord, length + 2); // zigzag: +1 in value
                new RecordBatch(frame, 37).updateCrc();
                assertReason(Reason.INVALID_RECORD, frame.slice(37, size), RULES);
                frame.setByte(firstRecord, length);
                new RecordBatch(frame, 37).updateCrc();
                validator.validate(frame.slice(37, size), PRODUCE_V9, RULES, NOW);
            }
        } finally {
            batch.release();
            heap.release();
            direct.release();
        }
    }

    @Test
    void emptyOrTruncatedOrTrailingBytesAreInvalid() {
        assertReason(Reason.INVALID_RECORD, Unpooled.EMPTY_BUFFER, RULES);
        ByteBuf buf = KafkaBatches.spec().build();
        try {
            assertReason(Reason.INVALID_RECORD, buf.slice(0, buf.readableBytes() - 1), RULES);
            ByteBuf twice = Unpooled.wrappedBuffer(buf.retainedDuplicate(), buf.retainedDuplicate());
            try {
                assertReason(Reason.INVALID_RECORD, twice, RULES);
            } finally {
                twice.release();
            }
        } finally {
            buf.release();
        }
    }

    @Test
    void tinyBatchLengthIsCorrupt() {
        ByteBuf buf = KafkaBatches.spec().build();
        try {
            buf.setInt(RecordBatch.BATCH_LENGTH_OFFSET, 13);
            assertReason(Reason.CORRUPT_MESSAGE, buf.slice(0, 25), RULES);
        } finally {
            buf.release();
        }
    }

    @Test
    void wrongMagicIsInvalidRecord() {
        mutateAndExpect(Reason.INVALID_RECORD, b -> b.buffer().setByte(RecordBatch.MAGIC_OFFSET, 1), RULES);
    }

    @Test
    void zstdNeedsProduceV7() {
        ByteBuf buf = KafkaBatches.spec().codec(CompressionType.ZSTD).build();
        try {
            RecordValidationException e = assertThrows(RecordValidationException.class,
                    () -> validator.validate(buf, (short) 6, RULES, NOW));
            assertEquals(Reason.UNSUPPORTED_COMPRESSION_TYPE, e.reason());
            validator.validate(buf, (short) 7, RULES, NOW);
        } finally {
            buf.release();
        }
    }

    @Test
    void nonZeroBaseOffsetFromClientIsInvalid() {
        mutateAndExpect(Reason.INVALID_RECORD, b -> b.setBaseOffset(5), RULES);
    }

    @Test
    void tooLargeBatch() {
        ByteBuf buf = KafkaBatches.spec().count(10).valueSize(200).build();
        try {
            BatchValidator.Rules small = new BatchValidator.Rules(buf.readableBytes() - 1, false, Long.MAX_VALUE,
                    Long.MAX_VALUE, false);
            assertReason(Reason.MESSAGE_TOO_LARGE, buf, small);
            validator.validate(buf, PRODUCE_V9, new BatchValidator.Rules(buf.readableBytes(), false,
                    Long.MAX_VALUE, Long.MAX_VALUE, false), NOW);
        } finally {
            buf.release();
        }
    }

    @Test
    void crcMismatchIsCorrupt() {
        mutateAndExpect(Reason.CORRUPT_MESSAGE, b -> {
            int last = b.sizeInBytes() - 1;
            b.buffer().setByte(last, b.buffer().getByte(last) ^ 0x40);
        }, RULES);
    }

    @Test
    void unknownCodecIdIsUnsupported() {
        mutateAndExpect(Reason.UNSUPPORTED_COMPRESSION_TYPE, b -> {
            b.buffer().setShort(RecordBatch.ATTRIBUTES_OFFSET, b.attributes() | 6);
            b.updateCrc();
        }, RULES);
    }

    @Test
    void countAndOffsetRangeMustAgree() {
        mutateAndExpect(Reason.INVALID_RECORD, b -> {
            b.buffer().setInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 5);
            b.updateCrc();
        }, RULES);
        mutateAndExpect(Reason.INVALID_RECORD, b -> {
            b.buffer().setInt(RecordBatch.RECORDS_COUNT_OFFSET, 0);
            b.buffer().setInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, -1);
            b.updateCrc();
        }, RULES);
    }

    @Test
    void declaredCountLargerThanRecordsIsInvalid() {
        mutateAndExpect(Reason.INVALID_RECORD, b -> {
            b.buffer().setInt(RecordBatch.RECORDS_COUNT_OFFSET, 4);
            b.buffer().setInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 3);
            b.updateCrc();
        }, RULES);
    }

    @Test
    void controlBatchFromClientIsInvalid() {
        mutateAndExpect(Reason.INVALID_RECORD, b -> {
            b.buffer().setShort(RecordBatch.ATTRIBUTES_OFFSET, b.attributes() | 0x20);
            b.updateCrc();
        }, RULES);
    }

    @Test
    void producerIdWithoutSequenceAndTransactionalWithoutProducerAreInvalid() {
        mutateAndExpect(Reason.INVALID_RECORD, b -> {
            b.buffer().setLong(RecordBatch.PRODUCER_ID_OFFSET, 10L);
            b.updateCrc();
        }, RULES);
        mutateAndExpect(Reason.INVALID_RECORD, b -> {
            b.buffer().setShort(RecordBatch.ATTRIBUTES_OFFSET, b.attributes() | 0x10);
            b.updateCrc();
        }, RULES);
    }

    @Test
    void recordOffsetDeltasMustCountFromZero() {
        // Kafka's builder allows gaps in offsets; patch the header so only the records disagree.
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, (byte) 2, KafkaBatches.compression(CompressionType.NONE),
                TimestampType.CREATE_TIME, 0L);
        builder.appendWithOffset(0L, NOW, "k0".getBytes(), "v0".getBytes());
        builder.appendWithOffset(2L, NOW, "k1".getBytes(), "v1".getBytes());
        ByteBuf buf = Unpooled.copiedBuffer(builder.build().buffer());
        try {
            RecordBatch b = new RecordBatch(buf, 0);
            b.buffer().setInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 1);
            b.updateCrc();
            assertReason(Reason.INVALID_RECORD, buf, RULES);
        } finally {
            buf.release();
        }
    }

    @Test
    void timestampWindow() {
        ByteBuf future = KafkaBatches.spec().timestamp(NOW + 3_600_001L).count(1).build();
        ByteBuf past = KafkaBatches.spec().timestamp(NOW - 10_000L).count(1).build();
        try {
            assertReason(Reason.INVALID_TIMESTAMP, future, RULES);
            validator.validate(past, PRODUCE_V9, RULES, NOW);
            BatchValidator.Rules strictPast = new BatchValidator.Rules(1048588, false, 5_000L, 3_600_000L, false);
            assertReason(Reason.INVALID_TIMESTAMP, past, strictPast);
            // LogAppendTime topics ignore the producer's clock
            BatchValidator.Rules logAppend = new BatchValidator.Rules(1048588, true, 5_000L, 0L, false);
            validator.validate(future, PRODUCE_V9, logAppend, NOW);
        } finally {
            future.release();
            past.release();
        }
    }

    @Test
    void compactedTopicNeedsKeys() {
        BatchValidator.Rules compacted = new BatchValidator.Rules(1048588, false, Long.MAX_VALUE, 3_600_000L, true);
        ByteBuf noKeys = KafkaBatches.spec().codec(CompressionType.GZIP).timestamp(NOW).nullKeys().build();
        ByteBuf keys = KafkaBatches.spec().codec(CompressionType.GZIP).timestamp(NOW).build();
        try {
            assertReason(Reason.INVALID_RECORD, noKeys, compacted);
            validator.validate(noKeys, PRODUCE_V9, RULES, NOW);
            validator.validate(keys, PRODUCE_V9, compacted, NOW);
        } finally {
            noKeys.release();
            keys.release();
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void corruptCompressedStreamIsRejected(CompressionType codec) {
        ByteBuf buf = KafkaBatches.spec().codec(codec).count(40).valueSize(100).timestamp(NOW).build();
        try {
            RecordBatch b = new RecordBatch(buf, 0);
            int mid = RecordBatch.HEADER_SIZE + (b.sizeInBytes() - RecordBatch.HEADER_SIZE) / 2;
            for (int i = 0; i < 8; i++) {
                buf.setByte(mid + i, buf.getByte(mid + i) ^ 0x5a);
            }
            b.updateCrc();
            RecordValidationException e = assertThrows(RecordValidationException.class,
                    () -> validator.validate(buf, PRODUCE_V9, RULES, NOW));
            assertTrue(e.reason() == Reason.CORRUPT_MESSAGE || e.reason() == Reason.INVALID_RECORD, e.reason().name());
        } finally {
            buf.release();
        }
    }

    private void mutateAndExpect(Reason reason, Consumer<RecordBatch> mutation, BatchValidator.Rules rules) {
        ByteBuf buf = KafkaBatches.spec().timestamp(NOW).build();
        try {
            mutation.accept(new RecordBatch(buf, 0));
            assertReason(reason, buf, rules);
        } finally {
            buf.release();
        }
    }

    private void assertReason(Reason reason, ByteBuf buf, BatchValidator.Rules rules) {
        RecordValidationException e = assertThrows(RecordValidationException.class,
                () -> validator.validate(buf, PRODUCE_V9, rules, NOW));
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
