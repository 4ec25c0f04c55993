package dev.millrace.tools.consume;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordFormatTest {

    private static ConsumerRecord<byte[], byte[]> record(String key, String value, TimestampType type) {
        RecordHeaders headers = new RecordHeaders();
        return new ConsumerRecord<>("t", 2, 5L, 1234L, type, -1, -1,
                key == null ? null : key.getBytes(UTF_8), value == null ? null : value.getBytes(UTF_8),
                headers, Optional.empty());
    }

    @Test
    void valueOnlyByDefault() {
        assertEquals("v\n", RecordFormat.fromProperties(Map.of()).format(record("k", "v", TimestampType.CREATE_TIME)));
    }

    @Test
    void allColumnsInKafkaOrderJoinedByTheKeySeparator() {
        RecordFormat format = RecordFormat.fromProperties(Map.of("print.timestamp", "true",
                "print.partition", "true", "print.offset", "true", "print.key", "true"));
        assertEquals("CreateTime:1234\tPartition:2\tOffset:5\tk\tv\n",
                format.format(record("k", "v", TimestampType.CREATE_TIME)));
    }

    @Test
    void customSeparatorLogAppendTimeAndNulls() {
        RecordFormat format = RecordFormat.fromProperties(Map.of("print.timestamp", "true", "print.key", "true",
                "key.separator", ":"));
        assertEquals("LogAppendTime:1234:null:null\n", format.format(record(null, null, TimestampType.LOG_APPEND_TIME)));
        assertEquals("NO_TIMESTAMP:k:v\n", format.format(record("k", "v", TimestampType.NO_TIMESTAMP_TYPE)));
    }

    @Test
    void keyWithoutValueAndNullLiteral() {
        RecordFormat format = RecordFormat.fromProperties(Map.of("print.key", "true", "print.value", "false",
                "null.literal", "<none>"));
        assertEquals("<none>\n", format.format(record(null, "v", TimestampType.CREATE_TIME)));
    }

    @Test
    void headers() {
        RecordFormat format = RecordFormat.fromProperties(Map.of("print.headers", "true"));
        ConsumerRecord<byte[], byte[]> plain = record("k", "v", TimestampType.CREATE_TIME);
        assertEquals("NO_HEADERS\tv\n", format.format(plain));
        plain.headers().add(new RecordHeader("h1", "x".getBytes(UTF_8)));
        plain.headers().add(new RecordHeader("h2", null));
        assertEquals("h1:x,h2:null\tv\n", format.format(plain));
    }

    @Test
    void unknownOrBadPropertiesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RecordFormat.fromProperties(Map.of("print.kye", "true")));
        assertThrows(IllegalArgumentException.class, () -> RecordFormat.fromProperties(Map.of("print.key", "1")));
    }
}
