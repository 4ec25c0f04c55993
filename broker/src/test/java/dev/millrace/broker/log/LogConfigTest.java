package dev.millrace.broker.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.config.ConfigException;
import dev.millrace.broker.record.CompressionType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogConfigTest {

    @Test
    void kafkaDefaults() {
        LogConfig c = LogConfig.defaults();
        assertEquals(List.of("delete"), c.cleanupPolicy());
        assertNull(c.compression());
        assertEquals(7L * 24 * 3600 * 1000, c.retentionMs());
        assertEquals(-1L, c.retentionBytes());
        assertEquals(1 << 30, c.segmentBytes());
        assertEquals(7L * 24 * 3600 * 1000, c.segmentMs());
        assertEquals(10 << 20, c.segmentIndexBytes());
        assertEquals(4096, c.indexIntervalBytes());
        assertEquals(1048588, c.maxMessageBytes());
        assertEquals(Long.MAX_VALUE, c.messageTimestampBeforeMaxMs());
        assertEquals(3_600_000L, c.messageTimestampAfterMaxMs());
        assertFalse(c.isLogAppendTime());
        assertEquals(1, c.minInsyncReplicas());
        assertEquals(Long.MAX_VALUE, c.flushMessages());
        assertEquals(Long.MAX_VALUE, c.flushMs());
        assertEquals(60_000L, c.fileDeleteDelayMs());
        assertEquals(86_400_000L, c.deleteRetentionMs());
        assertEquals(0.5, c.minCleanableDirtyRatio());
        assertFalse(c.uncleanLeaderElectionEnable());
        assertEquals(LogConfig.Source.DEFAULT, c.source(LogConfig.RETENTION_MS));
        assertTrue(c.originals().isEmpty());
    }

    @Test
    void topicOverridesWinOverBrokerSynonymsWhichWinOverDefaults() {
        Map<String, String> broker = Map.of("log.retention.ms", "1000", "log.segment.bytes", "2097152",
                "message.max.bytes", "5000", "num.partitions", "3");
        LogConfig c = LogConfig.of(Map.of("retention.ms", "42", "compression.type", "lz4"), broker);
        assertEquals(42L, c.retentionMs());
        assertEquals(LogConfig.Source.TOPIC, c.source("retention.ms"));
        assertEquals(2097152, c.segmentBytes());
        assertEquals(LogConfig.Source.BROKER, c.source("segment.bytes"));
        assertEquals(5000, c.maxMessageBytes());
        assertEquals(CompressionType.LZ4, c.compression());
        assertEquals(9, c.compressionLevel());
        assertEquals(Map.of("retention.ms", "42", "compression.type", "lz4"), c.originals());
        assertEquals("42", c.valueString("retention.ms"));
    }

    @Test
    void coarseBrokerRetentionAndRollKeys() {
        assertEquals(2 * 3_600_000L, LogConfig.of(Map.of(), Map.of("log.retention.hours", "2")).retentionMs());
        assertEquals(5 * 60_000L, LogConfig.of(Map.of(), Map.of("log.retention.hours", "2", "log.retention.minutes", "5")).retentionMs());
        assertEquals(7L, LogConfig.of(Map.of(), Map.of("log.retention.ms", "7", "log.retention.minutes", "5")).retentionMs());
        assertEquals(-1L, LogConfig.of(Map.of(), Map.of("log.retention.hours", "-1")).retentionMs());
        assertEquals(3_600_000L, LogConfig.of(Map.of(), Map.of("log.roll.hours", "1")).segmentMs());
    }

    @Test
    void unknownOrInvalidValuesNameTheKey() {
        ConfigException unknown = assertThrows(ConfigException.class, () -> LogConfig.of(Map.of("retention.mss", "1"), Map.of()));
        assertEquals("retention.mss", unknown.key());
        assertEquals("cleanup.policy", assertThrows(ConfigException.class,
                () -> LogConfig.of(Map.of("cleanup.policy", "shred"), Map.of())).key());
        assertEquals("segment.bytes", assertThrows(ConfigException.class,
                () -> LogConfig.of(Map.of("segment.bytes", "1024"), Map.of())).key());
        assertEquals("log.segment.bytes", assertThrows(ConfigException.class,
                () -> LogConfig.of(Map.of(), Map.of("log.segment.bytes", "12"))).key());
        assertEquals("message.timestamp.type", assertThrows(ConfigException.class,
                () -> LogConfig.of(Map.of("message.timestamp.type", "Whenever"), Map.of())).key());
    }

    @Test
    void policiesCodecsAndTheInternalSegmentSize() {
        LogConfig both = LogConfig.of(Map.of("cleanup.policy", "compact,delete"), Map.of());
        assertTrue(both.isCompacted());
        assertTrue(both.isDeleteEnabled());
        assertTrue(both.validationRules().compacted());
        assertEquals(CompressionType.NONE, LogConfig.of(Map.of("compression.type", "uncompressed"), Map.of()).compression());
        assertEquals(4, LogConfig.of(Map.of("compression.type", "gzip", "compression.gzip.level", "4"), Map.of()).compressionLevel());
        assertEquals(500, LogConfig.of(Map.of("internal.segment.bytes", "500"), Map.of()).segmentBytes());
        LogConfig lat = LogConfig.of(Map.of("message.timestamp.type", "LogAppendTime"), Map.of());
        assertTrue(lat.isLogAppendTime());
        assertTrue(lat.validationRules().logAppendTime());
    }

    @Test
    void everyTopicKeyWithASynonymIsDeclared() {
        for (Map.Entry<String, String> e : LogConfig.BROKER_SYNONYMS.entrySet()) {
            assertTrue(LogConfig.DEFINITION.has(e.getKey()), e.getKey());
        }
        assertEquals("log.retention.ms", LogConfig.BROKER_SYNONYMS.get("retention.ms"));
        assertEquals("log.roll.ms", LogConfig.BROKER_SYNONYMS.get("segment.ms"));
        assertEquals("message.max.bytes", LogConfig.BROKER_SYNONYMS.get("max.message.bytes"));
        assertFalse(LogConfig.BROKER_SYNONYMS.containsKey(LogConfig.INTERNAL_SEGMENT_BYTES));
    }
}
