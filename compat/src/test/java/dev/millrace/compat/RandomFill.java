package dev.millrace.compat;

import dev.millrace.broker.protocol.types.ByteBufRecords;
import dev.millrace.broker.protocol.types.Field;
import dev.millrace.broker.protocol.types.Struct;
import dev.millrace.broker.protocol.types.Type;
import dev.millrace.broker.protocol.types.Uuid;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;

/**
 * Random values that are legal for one version: only that version's fields, null only where nullable, short
 * arrays, tagged fields sometimes left at their default (then they are not written at all).
 */
final class RandomFill {

    private static final String[] WORDS = {"", "a", "topic-1", "é", "日本", "x.y_z", "\uD83D\uDE00"};

    private final Random random;

    RandomFill(long seed) {
        this.random = new Random(seed);
    }

    void fill(Struct s, short version) {
        for (Field f : s.schema().fields()) {
            if (!f.versions().contains(version)
                    || (f.taggedVersions().contains(version) && random.nextInt(3) == 0)) {
                continue;
            }
            if (f.nullableVersions().contains(version) && random.nextInt(5) == 0) {
                s.set(f.name(), null);
                continue;
            }
            switch (f.kind()) {
                case VALUE -> s.set(f.name(), value(f.type()));
                case ARRAY -> {
                    List<Object> list = new ArrayList<>();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        list.add(value(f.type()));
                    }
                    s.set(f.name(), list);
                }
                case STRUCT_ARRAY -> {
                    s.set(f.name(), List.of()); // a nullable array may default to null
                    for (int i = random.nextInt(4); i > 0; i--) {
                        fill(s.addStruct(f.name()), version);
                    }
                }
                case STRUCT -> {
                    Struct child = s.newStruct(f.name());
                    fill(child, version);
                    s.set(f.name(), child);
                }
            }
        }
    }

    private Object value(Type type) {
        return switch (type) {
            case INT8 -> (byte) random.nextInt();
            case INT16 -> (short) random.nextInt();
            case INT32 -> random.nextBoolean() ? random.nextInt(100) : random.nextInt();
            case INT64 -> random.nextLong();
            case UINT16 -> random.nextInt(0x10000);
            case UINT32 -> random.nextLong() & 0xffffffffL;
            case FLOAT64 -> random.nextDouble();
            case BOOL -> random.nextBoolean();
            case UUID -> new Uuid(random.nextLong(), random.nextLong());
            case STRING -> WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? random.nextInt(1000) : "");
            case BYTES -> bytes(random.nextInt(12));
            case RECORDS -> new ByteBufRecords(Unpooled.wrappedBuffer(random.nextInt(3) == 0 ? new byte[0] : batch()));
        };
    }

    /** A real v2 record batch built by kafka-clients 3.9, so the records field carries plausible bytes. */
    private byte[] batch() {
        SimpleRecord[] records = new SimpleRecord[1 + random.nextInt(3)];
        for (int i = 0; i < records.length; i++) {
            records[i] = new SimpleRecord(random.nextLong() >>> 20, bytes(random.nextInt(8)), bytes(random.nextInt(30)));
        }
        MemoryRecords memory = MemoryRecords.withRecords(Compression.NONE, records);
        byte[] bytes = new byte[memory.sizeInBytes()];
        memory.buffer().duplicate().get(bytes);
        return bytes;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
