package dev.millrace.broker.record;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.xerial.snappy.SnappyInputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * The codec of a batch's records section (attribute bits 0-2). Only the records section is ever
 * compressed; the 61-byte header stays plain.
 *
 * <p>Stream formats match what Kafka's Java client writes, so batches we recompress are readable by
 * every client: gzip is the JDK's; snappy is xerial's framed stream (our decoder also accepts a raw
 * snappy block, which {@link SnappyInputStream} falls back to); lz4 is the standard LZ4 frame with
 * independent 64 KiB blocks and no checksums beyond the header's (Kafka's reader rejects dependent
 * blocks); zstd is zstd-jni's streaming format.
 */
public enum CompressionType {
    NONE(0, "none"),
    GZIP(1, "gzip"),
    SNAPPY(2, "snappy"),
    LZ4(3, "lz4"),
    ZSTD(4, "zstd");

    /** Kafka's default compression levels (KIP-390), used when a caller has no level of its own. */
    public static final int GZIP_DEFAULT_LEVEL = Deflater.DEFAULT_COMPRESSION;
    public static final int LZ4_DEFAULT_LEVEL = 9;
    public static final int ZSTD_DEFAULT_LEVEL = 3;

    private static final CompressionType[] BY_ID = values();
    private static final int LZ4_MIN_LEVEL = 1;

    private final int id;
    private final String kafkaName;

    CompressionType(int id, String kafkaName) {
        this.id = id;
        this.kafkaName = kafkaName;
    }

    /** The value of attribute bits 0-2. */
    public int id() {
        return id;
    }

    /** The name Kafka uses for this codec in producer configs ({@code compression.type}). */
    public String kafkaName() {
        return kafkaName;
    }

    /** The codec with this id; ids 5-7 are invalid in batch attributes. */
    public static CompressionType forId(int id) {
        if (id < 0 || id >= BY_ID.length) {
            throw new IllegalArgumentException("Unknown compression type id: " + id);
        }
        return BY_ID[id];
    }

    public static CompressionType forName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (CompressionType type : BY_ID) {
            if (type.kafkaName.equals(n)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown compression name: " + name);
    }

    /** The codec's default level, in the codec's own scale. */
    public int defaultLevel() {
        return switch (this) {
            case GZIP -> GZIP_DEFAULT_LEVEL;
            case LZ4 -> LZ4_DEFAULT_LEVEL;
            case ZSTD -> ZSTD_DEFAULT_LEVEL;
            default -> 0;
        };
    }

    /**
     * A stream of the uncompressed records read from {@code compressed}'s readable bytes. The source
     * buffer's indexes are not moved; it must stay alive until the stream is closed.
     *
     * <p>Close the stream when done: lz4 decodes into block buffers that the calling thread reuses for its
     * next batch ({@link Lz4FrameInputStream}), gzip inflates with the calling thread's reused
     * {@code Inflater} ({@link GzipBatchInputStream}), and zstd takes its buffers from a recycling pool.
     */
    public InputStream decompress(ByteBuf compressed) throws IOException {
        if (this == LZ4) {
            return Lz4FrameInputStream.open(compressed);
        }
        if (this == GZIP) {
            return GzipBatchInputStream.open(compressed);
        }
        InputStream in = new ByteBufInputStream(compressed.duplicate(), false);
        return switch (this) {
            case NONE -> in;
            case GZIP -> throw new AssertionError("handled above");
            case SNAPPY -> new SnappyInputStream(in);
            case LZ4 -> throw new AssertionError("handled above");
            case ZSTD -> new ZstdInputStreamNoFinalizer(in, RecyclingBufferPool.INSTANCE);
        };
    }

    /**
     * Wraps {@code out} so that what is written to the result lands compressed in {@code out}; closing
     * the result finishes the stream and closes {@code out}.
     *
     * @param level codec level as in Kafka's {@code compression.<codec>.level}; ignored for snappy
     */
    public OutputStream compress(OutputStream out, int level) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new BufferedOutputStream(new LeveledGzipOutputStream(out, level), 16 * 1024);
            case SNAPPY -> new SnappyOutputStream(out);
            case LZ4 -> new LZ4FrameOutputStream(out, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB, -1L,
                    lz4Compressor(level), XXHashFactory.fastestInstance().hash32(),
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE);
            case ZSTD -> {
                ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(out, RecyclingBufferPool.INSTANCE);
                zstd.setLevel(level);
                yield new BufferedOutputStream(zstd, 16 * 1024);
            }
        };
    }

    private static LZ4Compressor lz4Compressor(int level) {
        LZ4Factory factory = LZ4Factory.fastestInstance();
        return level <= LZ4_MIN_LEVEL ? factory.fastCompressor() : factory.highCompressor(level);
    }

    /** GZIPOutputStream hides its Deflater's level; this subclass sets it. */
    private static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, 8 * 1024);
            def.setLevel(level);
        }
    }
}
