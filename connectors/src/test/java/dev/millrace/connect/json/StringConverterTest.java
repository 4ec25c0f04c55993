package dev.millrace.connect.json;

import dev.millrace.connect.data.Schema;
import dev.millrace.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** StringConverter against Kafka Connect's (test-scope oracle), and ByteArrayConverter's pass-through. */
class StringConverterTest {

    @Test
    void writesTheSameBytesAsKafkaConnect() {
        StringConverter ours = new StringConverter();
        ours.configure(Map.of(), false);
        org.apache.kafka.connect.storage.StringConverter theirs = new org.apache.kafka.connect.storage.StringConverter();
        theirs.configure(Map.of(), false);
        for (Object v : new Object[] {"héllo", 42, 3.5, true}) {
            assertArrayEquals(theirs.fromConnectData("t", null, v), ours.fromConnectData("t", Schema.STRING_SCHEMA, v));
        }
        assertNull(ours.fromConnectData("t", Schema.OPTIONAL_STRING_SCHEMA, null));
        assertEquals("x", ours.toConnectData("t", "x".getBytes(StandardCharsets.UTF_8)).value());
    }

    @Test
    void byteArrayConverterPassesBytesThrough() {
        dev.millrace.connect.storage.Converter ours = dev.millrace.connect.runtime.Converters.create(
                "org.apache.kafka.connect.converters.ByteArrayConverter", Map.of(), false, "value.converter");
        byte[] raw = {0, -1, 42};
        assertArrayEquals(raw, ours.fromConnectData("t", Schema.BYTES_SCHEMA, raw));
        assertArrayEquals(raw, ours.fromConnectData("t", null, java.nio.ByteBuffer.wrap(raw)));
        assertNull(ours.fromConnectData("t", Schema.OPTIONAL_BYTES_SCHEMA, null));
        org.junit.jupiter.api.Assertions.assertThrows(dev.millrace.connect.errors.DataException.class,
                () -> ours.fromConnectData("t", Schema.STRING_SCHEMA, "text"));
    }

    @Test
    void honoursTheConfiguredEncoding() {
        StringConverter ours = new StringConverter();
        ours.configure(Map.of("converter.encoding", "UTF-16"), true);
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_16), ours.fromConnectData("t", null, "é"));
    }
}
