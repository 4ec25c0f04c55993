package dev.millrace.broker.group;

import dev.millrace.broker.group.CoordinatorRecords.KeyValue;
import dev.millrace.broker.protocol.types.Varints;
import dev.millrace.broker.record.CompressionType;
import dev.millrace.broker.record.RecordBatch;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Record batches of {@code __consumer_offsets}: building the uncompressed v2 batch the coordinator appends,
 * and walking the keys and values of the batches read back (any codec, since compaction or a copied Kafka
 * log may hold compressed ones). {@link dev.millrace.broker.record.RecordReader} skips keys and values by
 * design, so the loader reads them here.
 */
final class CoordinatorBatches {
    private CoordinatorBatches() {
    }

    /** One uncompressed batch of {@code records} (no producer id), CRC set; the caller releases it. */
    static ByteBuf build(List<KeyValue> records, long timestampMs, ByteBufAllocator allocator) {
        ByteBuf buf = allocator.buffer(RecordBatch.HEADER_SIZE + records.size() * 64);
        buf.writeLong(0L);                                   // base offset, stamped by the log
        buf.writeInt(0);                                     // batch length, set below
        buf.writeInt(RecordBatch.NO_PARTITION_LEADER_EPOCH);
        buf.writeByte(RecordBatch.MAGIC);
        buf.writeInt(0);                                     // CRC, set below
        buf.writeShort(0);                                   // attributes: no codec, CreateTime
        buf.writeInt(records.size() - 1);                    // last offset delta
        buf.writeLong(timestampMs);
        buf.writeLong(timestampMs);
        buf.writeLong(RecordBatch.NO_PRODUCER_ID);
        buf.writeShort(RecordBatch.NO_PRODUCER_EPOCH);
        buf.writeInt(RecordBatch.NO_SEQUENCE);
        buf.writeInt(records.size());
        for (int i = 0; i < records.size(); i++) {
            KeyValue kv = records.get(i);
            int bodySize = 1 + Varints.sizeOfVarlong(0) + Varints.sizeOfVarint(i)
                    + Varints.sizeOfVarint(kv.key().length) + kv.key().length
                    + (kv.value() == null ? Varints.sizeOfVarint(-1)
                        : Varints.sizeOfVarint(kv.value().length) + kv.value().length)
                    + Varints.sizeOfVarint(0);
            Varints.writeVarint(buf, bodySize);
            buf.writeByte(0);
            Varints.writeVarlong(buf, 0);
            Varints.writeVarint(buf, i);
            Varints.writeVarint(buf, kv.key().length);
            buf.writeBytes(kv.key());
            if (kv.value() == null) {
                Varints.writeVarint(buf, -1);
            } else {
                Varints.writeVarint(buf, kv.value().length);
                buf.writeBytes(kv.value());
            }
            Varints.writeVarint(buf, 0);                     // no headers
        }
        buf.setInt(RecordBatch.BATCH_LENGTH_OFFSET, buf.readableBytes() - RecordBatch.LOG_OVERHEAD);
        new RecordBatch(buf, 0).updateCrc();
        return buf;
    }

    /**
     * Calls {@code sink} with each record's key and value (null for a tombstone) of the batches in
     * {@code data}, and returns the offset after the last whole batch. Control batches are skipped.
     */
    static long forEachRecord(ByteBuf data, BiConsumer<ByteBuf, ByteBuf> sink) {
        RecordBatch batch = new RecordBatch();
        long next = -1;
        int index = data.readerIndex();
        while (data.writerIndex() - index >= RecordBatch.LOG_OVERHEAD) {
            int size = data.getInt(index + RecordBatch.BATCH_LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
            if (data.writerIndex() - index < size) {
                break;                                        // a partial batch at the end of a read
            }
            batch.wrap(data, index);
            if (!batch.isControl()) {
                boolean compressed = batch.compression() != CompressionType.NONE;
                ByteBuf records = recordsOf(batch);
                try {
                    for (int i = 0; i < batch.recordCount(); i++) {
                        readRecord(records, sink);
                    }
                } finally {
                    if (compressed) {
                        records.release();
                    }
                }
            }
            next = batch.nextOffset();
            index += size;
        }
        return next;
    }

    private static ByteBuf recordsOf(RecordBatch batch) {
        if (batch.compression() == CompressionType.NONE) {
            return batch.records();
        }
        try (InputStream in = batch.compression().decompress(batch.records())) {
            return Unpooled.wrappedBuffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot decompress a batch of __consumer_offsets", e);
        }
    }

    private static void readRecord(ByteBuf in, BiConsumer<ByteBuf, ByteBuf> sink) {
        int length = Varints.readVarint(in);
        int end = in.readerIndex() + length;
        in.readByte();
        Varints.readVarlong(in);
        Varints.readVarint(in);
        int keyLength = Varints.readVarint(in);
        ByteBuf key = keyLength < 0 ? null : in.readSlice(keyLength);
        int valueLength = Varints.readVarint(in);
        ByteBuf value = valueLength < 0 ? null : in.readSlice(valueLength);
        in.readerIndex(end);                                  // headers are not used
        if (key != null) {
            sink.accept(key, value);
        }
    }
}
