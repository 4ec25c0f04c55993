package dev.millrace.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    @Test
    void defaultsAreKafkas() {
        BrokerConfig c = BrokerConfig.parse(Map.of("log.dirs", "/tmp/x"));
        assertEquals(1, c.nodeId());
        assertEquals(new Endpoint("PLAINTEXT", "127.0.0.1", 9092), c.listeners().get(0));
        assertEquals(1, c.numPartitions());
        assertTrue(c.autoCreateTopics());
        assertEquals(104_857_600, c.socketRequestMaxBytes());
        assertEquals(List.of(Path.of("/tmp/x")), c.logDirs());
        assertTrue(c.logCleanerEnable());
        assertEquals(15_000L, c.logCleanerBackoffMs());
        assertEquals(134_217_728L, c.logCleanerDedupeBufferSize());
    }

    @Test
    void unknownKeyIsRejectedByName() {
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.parse(Map.of("num.partitionz", "3")));
        assertEquals("num.partitionz", e.key());
        assertTrue(e.getMessage().contains("num.partitionz"));
        assertTrue(e.getMessage().contains("num.partitions"), "the message lists the accepted keys: " + e.getMessage());
    }

    @Test
    void invalidValuesAreRejectedWithWhatIsAccepted() {
        ConfigException e = assertThrows(ConfigException.class, () -> BrokerConfig.parse(Map.of("num.partitions", "0")));
        assertEquals("num.partitions", e.key());
        assertTrue(e.getMessage().contains(">= 1"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> BrokerConfig.parse(Map.of("auto.create.topics.enable", "yes")));
        assertTrue(e.getMessage().contains("true or false"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> BrokerConfig.parse(Map.of("log.message.timestamp.type", "WallClock")));
        assertEquals("log.message.timestamp.type", e.key());
        assertTrue(e.getMessage().contains("CreateTime"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> BrokerConfig.parse(Map.of("listeners", "127.0.0.1:9092")));
        assertEquals("listeners", e.key());
    }

    @Test
    void brokerLevelTopicDefaultsAreKeptForTopics() {
        BrokerConfig c = BrokerConfig.parse(Map.of("log.retention.hours", "2", "log.segment.bytes", "2097152",
                "compression.type", "lz4"));
        assertEquals("7200000", c.logDefaults().get("log.retention.ms"));
        assertEquals("2097152", c.logDefaults().get("log.segment.bytes"));
        assertEquals("lz4", c.logDefaults().get("compression.type"));
    }

    @Test
    void kafkasCombinedModeServerPropertiesStart() {
        BrokerConfig c = BrokerConfig.parse(Map.of(
                "process.roles", "broker,controller",
                "node.id", "1",
                "controller.quorum.bootstrap.servers", "localhost:9093",
                "listeners", "PLAINTEXT://:9092,CONTROLLER://:9093",
                "controller.listener.names", "CONTROLLER",
                "advertised.listeners", "PLAINTEXT://localhost:9092",
                "log.dirs", "/tmp/kraft-combined-logs",
                "num.partitions", "1",
                "offsets.topic.replication.factor", "1"));
        assertEquals(1, c.listeners().size());
        assertEquals(9092, c.listeners().get(0).port());
        assertEquals("localhost", c.advertisedListener().host());
        assertEquals(1, c.offsetsTopicReplicationFactor());
    }
}
