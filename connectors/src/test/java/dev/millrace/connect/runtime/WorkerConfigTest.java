package dev.millrace.connect.runtime;

import dev.millrace.connect.errors.ConnectException;
import dev.millrace.connect.storage.Converter;
import dev.millrace.connect.json.JsonConverter;
import dev.millrace.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerConfigTest {

    @Test
    void defaultsAreKafkaConnects() {
        WorkerConfig c = WorkerConfig.parse(Map.of());
        assertEquals("connect-offsets", c.get("offset.storage.topic"));
        assertEquals("connect-configs", c.get("config.storage.topic"));
        assertEquals("connect-status", c.get("status.storage.topic"));
        assertEquals(60_000, c.positiveLong("offset.flush.interval.ms"));
        assertEquals(8083, c.restPort());
        assertEquals("127.0.0.1", c.restHost());
    }

    @Test
    void unknownOrInvalidKeysAreNamed() {
        ConnectException unknown = assertThrows(ConnectException.class,
                () -> WorkerConfig.parse(Map.of("offset.storage.topics", "x")));
        assertTrue(unknown.getMessage().contains("'offset.storage.topics'"), unknown.getMessage());
        ConnectException invalid = assertThrows(ConnectException.class,
                () -> WorkerConfig.parse(Map.of("offset.flush.interval.ms", "soon")));
        assertTrue(invalid.getMessage().contains("'offset.flush.interval.ms'"), invalid.getMessage());
        ConnectException listener = assertThrows(ConnectException.class,
                () -> WorkerConfig.parse(Map.of("listeners", "ftp://x")));
        assertTrue(listener.getMessage().contains("'listeners'"), listener.getMessage());
    }

    @Test
    void listenersWinOverRestPortAndPrefixesPassThrough() {
        WorkerConfig c = WorkerConfig.parse(Map.of("listeners", "http://0.0.0.0:9999", "rest.port", "1",
                "producer.linger.ms", "7", "value.converter.schemas.enable", "false"));
        assertEquals(9999, c.restPort());
        assertEquals("0.0.0.0", c.restHost());
        assertEquals(Map.of("linger.ms", "7"), c.withPrefix("producer."));
        assertEquals("false", c.withPrefix("value.converter.").get("schemas.enable"));
    }

    @Test
    void kafkaConverterClassNamesAreAliases() {
        Converter json = Converters.create("org.apache.kafka.connect.json.JsonConverter",
                Map.of("schemas.enable", "false"), false, "value.converter");
        assertInstanceOf(JsonConverter.class, json);
        assertFalse(((JsonConverter) json).schemasEnabled());
        assertInstanceOf(StringConverter.class, Converters.create("org.apache.kafka.connect.storage.StringConverter",
                Map.of(), true, "key.converter"));
        ConnectException e = assertThrows(ConnectException.class,
                () -> Converters.create("io.confluent.connect.avro.AvroConverter", Map.of(), false, "value.converter"));
        assertTrue(e.getMessage().contains("value.converter"));
    }
}
