package dev.millrace.broker.record;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;

/** Builds produce-style batches with kafka-clients' own builder: the reference our code must accept. */
public final class KafkaBatches {
    private KafkaBatches() {
    }

    /** A batch spec; fluent setters, then {@link #build()}. */
    public static final class Spec {
        private CompressionType codec = CompressionType.NONE;
        private int count = 3;
        private long baseTimestamp = 1_700_000_000_000L;
        private long producerId = -1L;
        private short producerEpoch = -1;
        private int baseSequence = -1;
        private boolean transactional;
        private boolean nullKeys;
        private String valuePrefix = "value-";
        private int valueSize = -1;
        private long[] timestamps;

        public Spec codec(CompressionType c) { this.codec = c; return this; }
        public Spec count(int n) { this.count = n; return this; }
        public Spec timestamp(long ts) { this.baseTimestamp = ts; return this; }
        public Spec producer(long id, int epoch, int sequence) {
            this.producerId = id;
            this.producerEpoch = (short) epoch;
            this.baseSequence = sequence;
            return this;
        }
        /** Explicit record timestamps (also sets the record count). */
        public Spec timestamps(long... ts) { this.timestamps = ts; this.count = ts.length; return this; }
        public Spec transactional() { this.transactional = true; return this; }
        public Spec nullKeys() { this.nullKeys = true; return this; }
        public Spec values(String prefix) { this.valuePrefix = prefix; return this; }
        /** Pads each value to this many bytes (random-free but poorly compressible is not needed). */
        public Spec valueSize(int bytes) { this.valueSize = bytes; return this; }

        /** The batch as the bytes a producer sends (base offset 0, leader epoch -1). Caller releases. */
        public ByteBuf build() {
            ByteBuffer buffer = ByteBuffer.allocate(1024 + count * (64 + Math.max(valueSize, 16)));
            MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, org.apache.kafka.common.record.internal.RecordBatch.MAGIC_VALUE_V2,
                    compression(codec), TimestampType.CREATE_TIME, 0L, -1L, producerId, producerEpoch, baseSequence,
                    transactional, -1);
            for (int i = 0; i < count; i++) {
                byte[] key = nullKeys ? null : ("key-" + i).getBytes(StandardCharsets.UTF_8);
                String v = valuePrefix + i;
                byte[] value = v.getBytes(StandardCharsets.UTF_8);
                if (valueSize > 0) {
                    value = new byte[valueSize];
                    byte[] head = v.getBytes(StandardCharsets.UTF_8);
                    System.arraycopy(head, 0, value, 0, Math.min(head.length, valueSize));
                    for (int j = head.length; j < valueSize; j++) {
                        value[j] = (byte) (j * 31 + i);
                    }
                }
                Header[] headers = {new RecordHeader("h" + i, ("hv" + i).getBytes(StandardCharsets.UTF_8))};
                builder.append(timestamps != null ? timestamps[i] : baseTimestamp + i, key, value, headers);
            }
            ByteBuffer bytes = builder.build().buffer();
            return Unpooled.copiedBuffer(bytes);
        }
    }

    public static Spec spec() {
        return new Spec();
    }

    public static Compression compression(CompressionType codec) {
        return switch (codec) {
            case NONE -> Compression.NONE;
            case GZIP -> Compression.gzip().build();
            case SNAPPY -> Compression.snappy().build();
            case LZ4 -> Compression.lz4().build();
            case ZSTD -> Compression.zstd().build();
        };
    }

    /** Kafka's parse of the readable bytes of {@code buf} (copied; the buffer is not consumed). */
    public static MemoryRecords parse(ByteBuf buf) {
        byte[] copy = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), copy);
        return MemoryRecords.readableRecords(ByteBuffer.wrap(copy));
    }

    public static List<MutableRecordBatch> batches(MemoryRecords records) {
        List<MutableRecordBatch> out = new ArrayList<>();
        records.batches().forEach(out::add);
        return out;
    }

    /** Every record as "offset:timestamp:key:value", for comparisons. */
    public static List<String> describe(MemoryRecords records) {
        List<String> out = new ArrayList<>();
        for (MutableRecordBatch batch : records.batches()) {
            batch.ensureValid();
            for (Record r : batch) {
                out.add(r.offset() + ":" + r.timestamp() + ":" + str(r.key()) + ":" + str(r.value())
                        + ":" + r.headers().length);
            }
        }
        return out;
    }

    private static String str(ByteBuffer b) {
        if (b == null) {
            return "null";
        }
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return new String(a, StandardCharsets.UTF_8);
    }
}
