package dev.millrace.microbench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;

/** Input batches for the benchmarks, built by kafka-clients as a producer would send them. */
final class Batches {
    private Batches() {
    }

    /**
     * One v2 batch of {@code count} records, each with a 6-byte key and a {@code valueSize}-byte value
     * (a text prefix, then a byte pattern that compresses somewhat, as real payloads do), CreateTime
     * timestamps at {@code timestampMs}, no producer id.
     */
    static MemoryRecords kafkaBatch(String codec, int count, int valueSize, long timestampMs) {
        Compression compression = switch (codec) {
            case "none" -> Compression.NONE;
            case "lz4" -> Compression.lz4().build();
            case "zstd" -> Compression.zstd().build();
            case "snappy" -> Compression.snappy().build();
            case "gzip" -> Compression.gzip().build();
            default -> throw new IllegalArgumentException("codec " + codec);
        };
        ByteBuffer buffer = ByteBuffer.allocate(1024 + count * (32 + valueSize));
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, RecordBatch.MAGIC_VALUE_V2, compression,
                TimestampType.CREATE_TIME, 0L, timestampMs, RecordBatch.NO_PRODUCER_ID,
                RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE, false, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        for (int i = 0; i < count; i++) {
            byte[] key = String.format("k%05d", i).getBytes(StandardCharsets.UTF_8);
            byte[] value = new byte[valueSize];
            byte[] head = ("value-" + i).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(head, 0, value, 0, Math.min(head.length, valueSize));
            for (int j = head.length; j < valueSize; j++) {
                value[j] = (byte) ((j * 31 + i * 7) % 61 + 'A');
            }
            builder.append(timestampMs + i, key, value);
        }
        return builder.build();
    }

    /** The same batch as a heap {@link ByteBuf} (a copy), as the broker sees it in a Produce request. */
    static ByteBuf batch(String codec, int count, int valueSize, long timestampMs) {
        return Unpooled.copiedBuffer(kafkaBatch(codec, count, valueSize, timestampMs).buffer());
    }

    /** A fresh temporary directory; honours {@code -Dmillrace.bench.dir} (e.g. /dev/shm) when given. */
    static Path tempDir(String prefix) {
        try {
            String base = System.getProperty("millrace.bench.dir");
            return base == null ? Files.createTempDirectory(prefix) : Files.createTempDirectory(Path.of(base), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
