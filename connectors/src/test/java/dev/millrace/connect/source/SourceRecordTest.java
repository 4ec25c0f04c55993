package dev.millrace.connect.source;

import dev.millrace.connect.data.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SourceRecordTest {
    private static final Map<String, ?> PARTITION = Map.of("file", "/tmp/a");
    private static final Map<String, ?> OFFSET = Map.of("position", 10L);

    @Test
    void fullConstructorKeepsEveryField() {
        SourceRecord r = new SourceRecord(PARTITION, OFFSET, "t", 2, Schema.STRING_SCHEMA, "k",
                Schema.INT32_SCHEMA, 5, 99L);
        assertEquals(PARTITION, r.sourcePartition());
        assertEquals(OFFSET, r.sourceOffset());
        assertEquals("t", r.topic());
        assertEquals(2, r.kafkaPartition());
        assertEquals(Schema.STRING_SCHEMA, r.keySchema());
        assertEquals("k", r.key());
        assertEquals(Schema.INT32_SCHEMA, r.valueSchema());
        assertEquals(5, r.value());
        assertEquals(99L, r.timestamp());
    }

    @Test
    void shorterConstructorsLeaveTheRestNull() {
        SourceRecord valueOnly = new SourceRecord(PARTITION, OFFSET, "t", Schema.STRING_SCHEMA, "v");
        assertNull(valueOnly.kafkaPartition());
        assertNull(valueOnly.key());
        assertNull(valueOnly.keySchema());
        assertNull(valueOnly.timestamp());
        assertEquals("v", valueOnly.value());
        SourceRecord keyed = new SourceRecord(PARTITION, OFFSET, "t", Schema.STRING_SCHEMA, "k",
                Schema.STRING_SCHEMA, "v");
        assertEquals("k", keyed.key());
        assertNull(keyed.kafkaPartition());
        assertEquals(1, new SourceRecord(PARTITION, OFFSET, "t", 1, Schema.STRING_SCHEMA, "v").kafkaPartition());
        assertEquals(keyed, new SourceRecord(PARTITION, OFFSET, "t", null, Schema.STRING_SCHEMA, "k",
                Schema.STRING_SCHEMA, "v"));
    }

    @Test
    void offsetStorageReaderOffsetsSkipsPartitionsWithoutOffset() {
        OffsetStorageReader reader = new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return partition.get("file").equals("a") ? Map.of("position", 1L) : null;
            }
        };
        Map<Map<String, String>, Map<String, Object>> offsets =
                reader.offsets(List.of(Map.of("file", "a"), Map.of("file", "b")));
        assertEquals(Map.of(Map.of("file", "a"), Map.of("position", 1L)), offsets);
    }
}
