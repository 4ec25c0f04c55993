package dev.millrace.broker.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Our gzip decoder with a reused Inflater against kafka-clients' gzip batches and, byte for byte and error
 * class for error class, against the JDK's {@code GZIPInputStream} (the decoder it replaced).
 */
class GzipBatchInputStreamTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final BatchValidator.Rules RULES =
            new BatchValidator.Rules(64 * 1024 * 1024, false, Long.MAX_VALUE, Long.MAX_VALUE, false);

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 100, 2_000})
    void decodesKafkaGzipBatchesToKafkasRecords(int count) throws IOException {
        ByteBuf gzip = KafkaBatches.spec().codec(CompressionType.GZIP).count(count).valueSize(120).build();
        ByteBuf plain = KafkaBatches.spec().codec(CompressionType.NONE).count(count).valueSize(120).build();
        ByteBuf direct = Unpooled.directBuffer(gzip.readableBytes()).writeBytes(gzip, 0, gzip.readableBytes());
        try {
            ByteBuf records = new RecordBatch(plain, 0).records();
            byte[] expected = new byte[records.readableBytes()];
            records.getBytes(records.readerIndex(), expected);
            assertArrayEquals(expected, decodeOurs(new RecordBatch(gzip, 0).records()));
            assertArrayEquals(expected, decodeOurs(new RecordBatch(direct, 0).records()));
            BatchValidator.Result result = new BatchValidator().validate(gzip, (short) 9, RULES, NOW);
            assertEquals(count - 1, result.offsetDeltaOfMaxTimestamp());
        } finally {
            gzip.release();
            plain.release();
            direct.release();
        }
    }

    @Test
    void headerFieldsAndConcatenatedMembersDecodeAsTheJdkDoes() throws IOException {
        byte[] a = gzip(text(3_000, 1));
        byte[] b = gzip(text(70_000, 2));
        // a header with FEXTRA, FNAME, FCOMMENT and FHCRC around the deflate data of member a
        byte[] fancy = withHeaderFields(a);
        for (byte[] stream : new byte[][] {a, fancy, concat(a, b), concat(fancy, b), concat(a, new byte[] {1, 2, 3})}) {
            assertEquals(outcome(GzipBatchInputStreamTest::decodeJdk, stream), outcome(GzipBatchInputStreamTest::decodeOurs, stream));
            assertArrayEquals(decodeJdk(stream), decodeOurs(stream));
        }
    }

    /** Every truncation and many single-byte corruptions fail (or not) as with the JDK, with the same error class. */
    @Test
    void truncatedAndCorruptStreamsFailLikeTheJdk() throws IOException {
        byte[] stream = withHeaderFields(gzip(text(5_000, 3)));
        for (int cut = 0; cut < stream.length; cut++) {
            byte[] truncated = Arrays.copyOf(stream, cut);
            assertEquals(outcome(GzipBatchInputStreamTest::decodeJdk, truncated),
                    outcome(GzipBatchInputStreamTest::decodeOurs, truncated), "cut at " + cut);
        }
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            byte[] corrupt = stream.clone();
            corrupt[random.nextInt(corrupt.length)] ^= (byte) (1 + random.nextInt(255));
            assertEquals(outcome(GzipBatchInputStreamTest::decodeJdk, corrupt),
                    outcome(GzipBatchInputStreamTest::decodeOurs, corrupt), "corruption " + i);
        }
    }

    @Test
    void theThreadsDecoderIsReusedAndANestedStreamGetsItsOwn() throws IOException {
        ByteBuf first = Unpooled.wrappedBuffer(gzip(text(100, 4)));
        ByteBuf second = Unpooled.wrappedBuffer(gzip(text(100, 5)));
        InputStream a = GzipBatchInputStream.open(first);
        InputStream nested = GzipBatchInputStream.open(second);
        assertNotSame(a, nested);
        nested.close();
        a.close();
        assertSame(a, GzipBatchInputStream.open(first));
    }

    private interface Decoder {
        byte[] decode(byte[] stream) throws IOException;
    }

    /** "ok" and a hash of the bytes, or the class of the IOException (EOFException, ZipException). */
    private static String outcome(Decoder decoder, byte[] stream) {
        try {
            return "ok " + Arrays.hashCode(decoder.decode(stream));
        } catch (IOException e) {
            return "error " + e.getClass().getSimpleName() + (e instanceof EOFException ? "" : ": " + e.getMessage());
        }
    }

    private static byte[] decodeOurs(byte[] stream) throws IOException {
        return decodeOurs(Unpooled.wrappedBuffer(stream));
    }

    private static byte[] decodeOurs(ByteBuf compressed) throws IOException {
        int readerIndex = compressed.readerIndex();
        try (InputStream in = CompressionType.GZIP.decompress(compressed)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[5000];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                out.write(chunk, 0, n);
            }
            assertEquals(readerIndex, compressed.readerIndex());
            return out.toByteArray();
        }
    }

    private static byte[] decodeJdk(byte[] stream) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stream), 8192)) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** The member with FLG = FEXTRA|FNAME|FCOMMENT|FHCRC and those fields inserted after its 10-byte header. */
    private static byte[] withHeaderFields(byte[] member) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(member, 0, 3);
        out.write(4 | 8 | 16 | 2);
        out.write(member, 4, 6);
        out.write(3);
        out.write(0);
        out.write(new byte[] {7, 8, 9}, 0, 3);
        out.write(new byte[] {'n', 'a', 'm', 'e', 0}, 0, 5);
        out.write(new byte[] {'h', 'i', 0}, 0, 3);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] header = out.toByteArray();
        crc.update(header);
        out.write((int) crc.getValue() & 0xff);
        out.write((int) (crc.getValue() >>> 8) & 0xff);
        out.write(member, 10, member.length - 10);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] text(int size, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ('a' + random.nextInt(6));
        }
        return data;
    }
}
