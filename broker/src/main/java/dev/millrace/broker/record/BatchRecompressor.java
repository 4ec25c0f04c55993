package dev.millrace.broker.record;

import dev.millrace.broker.record.RecordValidationException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Rewrites a batch's records section into another codec, for topics whose {@code compression.type}
 * names a codec other than the producer's. The records' bytes and every header field other than the
 * codec bits, the length and the CRC are kept, so offsets, timestamps and producer sequences survive.
 * This is the only place the broker copies a produced batch; the default {@code producer} never does.
 */
public final class BatchRecompressor {
    private static final int COPY_CHUNK = 16 * 1024;
    private static final int COMPRESSION_MASK = 0x07;

    private BatchRecompressor() {
    }

    /**
     * A new buffer holding {@code source} with its records in {@code target}; the caller owns (and
     * releases) it. The source is left untouched.
     *
     * @param level codec level for {@code target}, e.g. {@link CompressionType#defaultLevel()}
     */
    public static ByteBuf recompress(RecordBatch source, CompressionType target, int level, ByteBufAllocator alloc) {
        int sourceSize = source.sizeInBytes();
        ByteBuf out = alloc.buffer(sourceSize + 64);
        try {
            int start = out.writerIndex();
            out.writeBytes(source.buffer(), source.index(), RecordBatch.HEADER_SIZE);
            ByteBuf sourceRecords = source.records();
            byte[] chunk = new byte[COPY_CHUNK];
            try (InputStream in = source.compression().decompress(sourceRecords);
                 OutputStream compressed = target.compress(new ByteBufOutputStream(out), level)) {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    compressed.write(chunk, 0, n);
                }
            } catch (IOException e) {
                throw new RecordValidationException(Reason.CORRUPT_MESSAGE,
                        "Cannot recompress the records from " + source.compression().kafkaName() + " to "
                                + target.kafkaName() + ": " + e, e);
            }
            int size = out.writerIndex() - start;
            out.setInt(start + RecordBatch.BATCH_LENGTH_OFFSET, size - RecordBatch.LOG_OVERHEAD);
            short attributes = out.getShort(start + RecordBatch.ATTRIBUTES_OFFSET);
            out.setShort(start + RecordBatch.ATTRIBUTES_OFFSET, (attributes & ~COMPRESSION_MASK) | target.id());
            new RecordBatch(out, start).updateCrc();
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }
}
