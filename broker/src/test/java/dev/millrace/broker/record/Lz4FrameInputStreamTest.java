package dev.millrace.broker.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.millrace.broker.record.RecordValidationException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our reusable LZ4 frame decoder against kafka-clients' lz4 batches and, byte for byte and error for error,
 * against lz4-java's {@code LZ4FrameInputStream} (the decoder it replaced).
 */
class Lz4FrameInputStreamTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final BatchValidator.Rules RULES =
            new BatchValidator.Rules(64 * 1024 * 1024, false, Long.MAX_VALUE, Long.MAX_VALUE, false);

    /** Kafka's lz4 batch decodes to exactly the records section of the same batch built uncompressed. */
    @ParameterizedTest
    @ValueSource(ints = {1, 10, 100, 600, 2_000, 5_000})
    void decodesKafkaLz4BatchesToKafkasRecords(int count) throws IOException {
        ByteBuf lz4 = KafkaBatches.spec().codec(CompressionType.LZ4).count(count).valueSize(120).build();
        ByteBuf plain = KafkaBatches.spec().codec(CompressionType.NONE).count(count).valueSize(120).build();
        try {
            byte[] expected = recordsSection(plain);
            assertArrayEquals(expected, decodeOurs(new RecordBatch(lz4, 0).records()));
            ByteBuf direct = Unpooled.directBuffer(lz4.readableBytes()).writeBytes(lz4, 0, lz4.readableBytes());
            try {
                assertArrayEquals(expected, decodeOurs(new RecordBatch(direct, 0).records()));
            } finally {
                direct.release();
            }
            BatchValidator.Result result = new BatchValidator().validate(lz4, (short) 9, RULES, NOW);
            assertEquals(count - 1, result.offsetDeltaOfMaxTimestamp());
        } finally {
            lz4.release();
            plain.release();
        }
    }

    /** Random values: Kafka's writer stores incompressible blocks raw (the size's high bit). */
    @Test
    void decodesKafkaBatchesWithIncompressibleBlocks() throws IOException {
        Random random = new Random(42);
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] v = new byte[1 + random.nextInt(20_000)];
            random.nextBytes(v);
            values.add(v);
        }
        ByteBuf lz4 = kafkaBatch(KafkaBatches.compression(CompressionType.LZ4), values);
        ByteBuf plain = kafkaBatch(KafkaBatches.compression(CompressionType.NONE), values);
        try {
            byte[] expected = recordsSection(plain);
            assertEquals(true, expected.length > 3 * 64 * 1024);
            assertArrayEquals(expected, decodeOurs(new RecordBatch(lz4, 0).records()));
            new BatchValidator().validate(lz4, (short) 9, RULES, NOW);
        } finally {
            lz4.release();
            plain.release();
        }
    }

    /** Frames Kafka never writes but lz4-java's reader accepted: checksums, content size, big blocks. */
    @Test
    void decodesEveryFrameVariantLikeLz4Java() throws IOException {
        Random random = new Random(7);
        byte[] data = new byte[700_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 1000 < 500 ? i / 100 : random.nextInt());
        }
        for (BLOCKSIZE size : BLOCKSIZE.values()) {
            for (int variant = 0; variant < 8; variant++) {
                List<FLG.Bits> bits = new ArrayList<>(List.of(FLG.Bits.BLOCK_INDEPENDENCE));
                if ((variant & 1) != 0) {
                    bits.add(FLG.Bits.BLOCK_CHECKSUM);
                }
                if ((variant & 2) != 0) {
                    bits.add(FLG.Bits.CONTENT_CHECKSUM);
                }
                long knownSize = (variant & 4) != 0 ? data.length : -1L;
                if (knownSize >= 0) {
                    bits.add(FLG.Bits.CONTENT_SIZE);
                }
                byte[] frame = lz4JavaFrame(data, size, knownSize, bits.toArray(new FLG.Bits[0]));
                assertArrayEquals(data, decodeOurs(Unpooled.wrappedBuffer(frame)), size + " " + bits);
                assertArrayEquals(data, decodeLz4Java(frame), size + " " + bits);
            }
        }
    }

    @Test
    void skipsLeadingSkippableFramesAndStopsAfterTheFirstFrame() throws IOException {
        byte[] data = "hello, hello, hello, lz4".getBytes(StandardCharsets.UTF_8);
        byte[] frame = lz4JavaFrame(data, BLOCKSIZE.SIZE_64KB, -1L, FLG.Bits.BLOCK_INDEPENDENCE);
        ByteBuffer b = ByteBuffer.allocate(8 + 3 + frame.length * 2 + 5).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x184D2A53).putInt(3).put(new byte[3]).put(frame).put(frame).put(new byte[5]);
        byte[] stream = b.array();
        assertArrayEquals(data, decodeOurs(Unpooled.wrappedBuffer(stream)));
        assertArrayEquals(data, decodeLz4Java(stream));
    }

    /**
     * Every single-byte change and every truncation of a small frame with all checksums: our decoder gives
     * the same bytes or the same error message as lz4-java's.
     */
    @Test
    void corruptOrTruncatedFramesFailLikeLz4Java() throws IOException {
        byte[] data = new byte[3000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 17);
        }
        for (FLG.Bits[] bits : new FLG.Bits[][] {
                {FLG.Bits.BLOCK_INDEPENDENCE},
                {FLG.Bits.BLOCK_INDEPENDENCE, FLG.Bits.BLOCK_CHECKSUM, FLG.Bits.CONTENT_CHECKSUM, FLG.Bits.CONTENT_SIZE}}) {
            long knownSize = bits.length > 1 ? data.length : -1L;
            byte[] frame = lz4JavaFrame(data, BLOCKSIZE.SIZE_64KB, knownSize, bits);
            for (int i = 0; i < frame.length; i++) {
                for (int flip : new int[] {0x01, 0x80, 0xFF}) {
                    byte[] corrupt = frame.clone();
                    corrupt[i] ^= (byte) flip;
                    assertEquals(outcome(this::decodeLz4Java, corrupt), outcome(this::decodeOursOnlyIoErrors, corrupt),
                            "byte " + i + " ^ " + flip);
                }
            }
            for (int length = 0; length < frame.length; length++) {
                byte[] truncated = java.util.Arrays.copyOf(frame, length);
                assertEquals(outcome(this::decodeLz4Java, truncated), outcome(this::decodeOursOnlyIoErrors, truncated),
                        "truncated to " + length);
            }
        }
    }

    @Test
    void corruptLz4BatchIsACorruptMessage() {
        ByteBuf lz4 = KafkaBatches.spec().codec(CompressionType.LZ4).count(200).valueSize(100).build();
        try {
            // the first block's size follows magic, FLG, BD and HC; 1 MiB is more than the frame's 64 KiB blocks
            int blockSize = RecordBatch.HEADER_SIZE + 4 + 3;
            int original = lz4.getIntLE(blockSize);
            lz4.setIntLE(blockSize, 1 << 20);
            new RecordBatch(lz4, 0).updateCrc();
            RecordValidationException e = assertThrows(RecordValidationException.class,
                    () -> new BatchValidator().validate(lz4, (short) 9, RULES, NOW));
            assertEquals(Reason.CORRUPT_MESSAGE, e.reason());

            lz4.setIntLE(blockSize, original);
            lz4.setByte(RecordBatch.HEADER_SIZE + 6, lz4.getByte(RecordBatch.HEADER_SIZE + 6) ^ 1); // the HC byte
            new RecordBatch(lz4, 0).updateCrc();
            e = assertThrows(RecordValidationException.class,
                    () -> new BatchValidator().validate(lz4, (short) 9, RULES, NOW));
            assertEquals(Reason.CORRUPT_MESSAGE, e.reason());
        } finally {
            lz4.release();
        }
    }

    @Test
    void reusesTheThreadsDecoderAndLendsANewOneWhileItIsOpen() throws IOException {
        byte[] frame = lz4JavaFrame(new byte[100], BLOCKSIZE.SIZE_64KB, -1L, FLG.Bits.BLOCK_INDEPENDENCE);
        InputStream first = CompressionType.LZ4.decompress(Unpooled.wrappedBuffer(frame));
        InputStream nested = CompressionType.LZ4.decompress(Unpooled.wrappedBuffer(frame));
        assertNotSame(first, nested);
        assertArrayEquals(new byte[100], first.readAllBytes());
        assertArrayEquals(new byte[100], nested.readAllBytes());
        nested.close();
        first.close();
        InputStream again = CompressionType.LZ4.decompress(Unpooled.wrappedBuffer(frame));
        assertSame(first, again);
        again.close();
    }

    private interface Decoder {
        byte[] decode(byte[] frame) throws IOException;
    }

    /**
     * "ok" and a hash of the bytes, or "error" and the message. lz4-java 1.8.1 lets its FLG/BD parser's
     * RuntimeException out unwrapped; ours throws the IOException lz4-java's later versions wrap it in.
     */
    private static String outcome(Decoder decoder, byte[] frame) {
        try {
            return "ok " + java.util.Arrays.hashCode(decoder.decode(frame));
        } catch (IOException e) {
            // lz4's "Error decoding offset N" counts from the start of the array decoded from, which for us is
            // the batch's buffer rather than a copy of the block
            return "error " + e.getMessage().replaceAll("offset \\d+", "offset N");
        } catch (RuntimeException e) {
            return "error " + Lz4FrameInputStream.INVALID_DESCRIPTOR;
        }
    }

    private byte[] decodeOursOnlyIoErrors(byte[] frame) throws IOException {
        try {
            return decodeOurs(frame);
        } catch (RuntimeException e) {
            throw new AssertionError("a RuntimeException instead of an IOException", e);
        }
    }

    private byte[] decodeOurs(byte[] frame) throws IOException {
        return decodeOurs(Unpooled.wrappedBuffer(frame));
    }

    private static byte[] decodeOurs(ByteBuf compressed) throws IOException {
        int readerIndex = compressed.readerIndex();
        try (InputStream in = CompressionType.LZ4.decompress(compressed)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[5000]; // not a divisor of the block size
            int n;
            while ((n = in.read(chunk)) >= 0) {
                out.write(chunk, 0, n);
            }
            assertEquals(readerIndex, compressed.readerIndex());
            return out.toByteArray();
        }
    }

    private byte[] decodeLz4Java(byte[] frame) throws IOException {
        try (InputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(frame),
                LZ4Factory.fastestInstance().safeDecompressor(), XXHashFactory.fastestInstance().hash32(), true)) {
            return in.readAllBytes();
        }
    }

    private static byte[] lz4JavaFrame(byte[] data, BLOCKSIZE size, long knownSize, FLG.Bits... bits) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream lz4 = new LZ4FrameOutputStream(out, size, knownSize, LZ4Factory.fastestInstance().fastCompressor(),
                XXHashFactory.fastestInstance().hash32(), bits)) {
            lz4.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] recordsSection(ByteBuf batch) {
        ByteBuf records = new RecordBatch(batch, 0).records();
        byte[] out = new byte[records.readableBytes()];
        records.getBytes(records.readerIndex(), out);
        return out;
    }

    private static ByteBuf kafkaBatch(org.apache.kafka.common.compress.Compression compression, List<byte[]> values) {
        ByteBuffer buffer = ByteBuffer.allocate(1024 + values.stream().mapToInt(v -> v.length + 64).sum());
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, (byte) 2, compression, TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < values.size(); i++) {
            builder.append(NOW + i, ("k" + i).getBytes(StandardCharsets.UTF_8), values.get(i));
        }
        return Unpooled.copiedBuffer(builder.build().buffer());
    }
}
