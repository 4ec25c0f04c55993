package dev.millrace.broker.record;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A flyweight over one magic-2 record batch in a {@link ByteBuf}: getters and setters read and write
 * the header fields in place (big-endian, as on the wire), nothing is decoded into objects. Wrap it
 * again with {@link #wrap} to move to another batch; one instance is not safe for concurrent use.
 *
 * <p>The CRC covers the bytes from {@link #ATTRIBUTES_OFFSET} to the end, so stamping the base offset
 * or the leader epoch leaves it valid, while anything touching attributes or timestamps recomputes it.
 */
public final class RecordBatch {
    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int BATCH_LENGTH_OFFSET = 8;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORDS_COUNT_OFFSET = 57;
    /** Size of the fixed header; the records section starts here. */
    public static final int HEADER_SIZE = 61;
    /** baseOffset + batchLength: the bytes not counted in batchLength. */
    public static final int LOG_OVERHEAD = 12;
    /** The only format Kafka 4.x accepts or serves. */
    public static final byte MAGIC = 2;

    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_TIMESTAMP = -1L;

    private static final int COMPRESSION_MASK = 0x07;
    private static final int LOG_APPEND_TIME_FLAG = 0x08;
    private static final int TRANSACTIONAL_FLAG = 0x10;
    private static final int CONTROL_FLAG = 0x20;
    private static final int DELETE_HORIZON_FLAG = 0x40;

    private ByteBuf buf;
    private int index;

    public RecordBatch() {
    }

    public RecordBatch(ByteBuf buf, int index) {
        wrap(buf, index);
    }

    /** Points this flyweight at the batch starting at {@code index} of {@code buf}. */
    public RecordBatch wrap(ByteBuf buf, int index) {
        this.buf = buf;
        this.index = index;
        return this;
    }

    public ByteBuf buffer() {
        return buf;
    }

    /** Index of the batch's first byte in {@link #buffer()}. */
    public int index() {
        return index;
    }

    public long baseOffset() {
        return buf.getLong(index + BASE_OFFSET_OFFSET);
    }

    public int batchLength() {
        return buf.getInt(index + BATCH_LENGTH_OFFSET);
    }

    /** Whole batch size on the wire and on disk. */
    public int sizeInBytes() {
        return batchLength() + LOG_OVERHEAD;
    }

    public int partitionLeaderEpoch() {
        return buf.getInt(index + PARTITION_LEADER_EPOCH_OFFSET);
    }

    public byte magic() {
        return buf.getByte(index + MAGIC_OFFSET);
    }

    /** The stored CRC-32C, as an unsigned value. */
    public long crc() {
        return buf.getUnsignedInt(index + CRC_OFFSET);
    }

    public short attributes() {
        return buf.getShort(index + ATTRIBUTES_OFFSET);
    }

    /** Raw codec id (bits 0-2); 5-7 are invalid, see {@link #compression()}. */
    public int compressionId() {
        return attributes() & COMPRESSION_MASK;
    }

    /** @throws IllegalArgumentException for codec ids 5-7 */
    public CompressionType compression() {
        return CompressionType.forId(compressionId());
    }

    public boolean isLogAppendTime() {
        return (attributes() & LOG_APPEND_TIME_FLAG) != 0;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG) != 0;
    }

    public boolean isControl() {
        return (attributes() & CONTROL_FLAG) != 0;
    }

    public boolean hasDeleteHorizon() {
        return (attributes() & DELETE_HORIZON_FLAG) != 0;
    }

    public int lastOffsetDelta() {
        return buf.getInt(index + LAST_OFFSET_DELTA_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    /** Offset the next batch after this one would get. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    public long baseTimestamp() {
        return buf.getLong(index + BASE_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buf.getLong(index + MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buf.getLong(index + PRODUCER_ID_OFFSET);
    }

    public boolean hasProducerId() {
        return producerId() > NO_PRODUCER_ID;
    }

    public short producerEpoch() {
        return buf.getShort(index + PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buf.getInt(index + BASE_SEQUENCE_OFFSET);
    }

    /** Sequence of the last record; sequences wrap from Integer.MAX_VALUE to 0. */
    public int lastSequence() {
        int base = baseSequence();
        if (base == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        return incrementSequence(base, lastOffsetDelta());
    }

    /** {@code sequence + increment}, wrapping past Integer.MAX_VALUE to 0 as producers do. */
    public static int incrementSequence(int sequence, int increment) {
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }

    public int recordCount() {
        return buf.getInt(index + RECORDS_COUNT_OFFSET);
    }

    /** The records section: plain records, or one compressed blob. A slice; indexes of the buffer stay. */
    public ByteBuf records() {
        return buf.slice(index + HEADER_SIZE, sizeInBytes() - HEADER_SIZE);
    }

    public boolean isCrcValid() {
        return computeCrc() == crc();
    }

    /** CRC-32C of attributes..end, as the batch's bytes are now. */
    public long computeCrc() {
        CRC32C crc = new CRC32C();
        int from = index + ATTRIBUTES_OFFSET;
        int length = sizeInBytes() - ATTRIBUTES_OFFSET;
        if (buf.hasArray()) {
            crc.update(buf.array(), buf.arrayOffset() + from, length);
        } else {
            for (ByteBuffer part : buf.nioBuffers(from, length)) {
                crc.update(part);
            }
        }
        return crc.getValue();
    }

    public void setBaseOffset(long baseOffset) {
        buf.setLong(index + BASE_OFFSET_OFFSET, baseOffset);
    }

    public void setPartitionLeaderEpoch(int epoch) {
        buf.setInt(index + PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    /** Marks the batch LogAppendTime with {@code timestampMs} as its max timestamp; recomputes the CRC. */
    public void setLogAppendTime(long timestampMs) {
        buf.setShort(index + ATTRIBUTES_OFFSET, attributes() | LOG_APPEND_TIME_FLAG);
        buf.setLong(index + MAX_TIMESTAMP_OFFSET, timestampMs);
        updateCrc();
    }

    /**
     * Marks the batch CreateTime with {@code maxTimestamp}; a no-op (CRC untouched) when both already
     * hold, as Kafka only rewrites what differs.
     */
    public void setCreateTimeMaxTimestamp(long maxTimestamp) {
        if (!isLogAppendTime() && maxTimestamp() == maxTimestamp) {
            return;
        }
        buf.setShort(index + ATTRIBUTES_OFFSET, attributes() & ~LOG_APPEND_TIME_FLAG);
        buf.setLong(index + MAX_TIMESTAMP_OFFSET, maxTimestamp);
        updateCrc();
    }

    /** Recomputes and stores the CRC after header fields it covers were changed. */
    public void updateCrc() {
        buf.setInt(index + CRC_OFFSET, (int) computeCrc());
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffset=" + lastOffset() + ", size="
                + sizeInBytes() + ", count=" + recordCount() + ", codec=" + compressionId()
                + ", producerId=" + producerId() + ", epoch=" + producerEpoch() + ", baseSequence="
                + baseSequence() + ")";
    }
}
