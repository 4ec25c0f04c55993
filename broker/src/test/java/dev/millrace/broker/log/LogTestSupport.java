package dev.millrace.broker.log;

import dev.millrace.broker.record.KafkaBatches;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;

/** Shared helpers: a manual clock, configs, appends of kafka-built batches, reading a log back with Kafka. */
final class LogTestSupport {
    static final long T0 = 1_700_000_000_000L;
    static final short PRODUCE_VERSION = 11;

    private LogTestSupport() {
    }

    /** A clock tests move by hand. */
    static final class ManualClock implements LongSupplier {
        private final AtomicLong now = new AtomicLong(T0);

        @Override
        public long getAsLong() {
            return now.get();
        }

        void advance(long ms) {
            now.addAndGet(ms);
        }

        void set(long ms) {
            now.set(ms);
        }
    }

    static LogConfig config(String... keyValues) {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            overrides.put(keyValues[i], keyValues[i + 1]);
        }
        return LogConfig.of(overrides, Map.of());
    }

    /** Appends a batch built from {@code spec} and releases it; the high watermark follows the log end. */
    static LogAppendInfo append(PartitionLog log, KafkaBatches.Spec spec, int leaderEpoch) {
        ByteBuf buf = spec.build();
        try {
            LogAppendInfo info = log.appendAsLeader(buf, leaderEpoch, PRODUCE_VERSION);
            log.updateHighWatermark(log.logEndOffset());
            return info;
        } finally {
            buf.release();
        }
    }

    static LogAppendInfo append(PartitionLog log, KafkaBatches.Spec spec) {
        return append(log, spec, 0);
    }

    /** The bytes of a read, copied out. Caller releases. */
    static ByteBuf bytes(FetchDataInfo info) {
        ByteBuf buf = Unpooled.buffer(Math.max(info.size(), 1));
        info.readInto(buf);
        return buf;
    }

    static MemoryRecords parse(FetchDataInfo info) {
        ByteBuf buf = bytes(info);
        try {
            return KafkaBatches.parse(buf);
        } finally {
            buf.release();
        }
    }

    /**
     * Reads the whole visible log with small fetches, parsing every batch with Kafka (CRC checked), and
     * returns each record as "offset:value".
     */
    static List<String> readAll(PartitionLog log, int maxBytes) {
        List<String> out = new ArrayList<>();
        long offset = log.logStartOffset();
        long hw = log.highWatermark();
        while (offset < hw) {
            FetchDataInfo info = log.read(offset, maxBytes, hw, true);
            if (info.isEmpty()) {
                throw new AssertionError("empty read at " + offset + " below high watermark " + hw);
            }
            long next = offset;
            for (MutableRecordBatch batch : parse(info).batches()) {
                batch.ensureValid();
                for (Record r : batch) {
                    if (r.offset() >= offset) {
                        out.add(r.offset() + ":" + value(r));
                    }
                }
                next = batch.lastOffset() + 1;
            }
            offset = next;
        }
        return out;
    }

    static String value(Record r) {
        byte[] v = new byte[r.valueSize()];
        r.value().duplicate().get(v);
        return new String(v, java.nio.charset.StandardCharsets.UTF_8);
    }
}
