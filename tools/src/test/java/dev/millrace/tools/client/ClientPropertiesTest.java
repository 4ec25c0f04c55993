package dev.millrace.tools.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientPropertiesTest {

    @TempDir
    Path dir;

    @Test
    void laterSourcesWinAndBootstrapServerWinsOverAll() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "acks=1\nlinger.ms=7\nbootstrap.servers=elsewhere:1\n");
        Properties props = new ClientProperties()
                .defaults(Map.of("acks", "0", "client.id", "tool"))
                .file(file)
                .overrides(Map.of("linger.ms", "9"))
                .build("127.0.0.1:9092");
        assertEquals("1", props.getProperty("acks"));
        assertEquals("tool", props.getProperty("client.id"));
        assertEquals("9", props.getProperty("linger.ms"));
        assertEquals("127.0.0.1:9092", props.getProperty("bootstrap.servers"));
    }

    @Test
    void missingFileIsAOneLineError() {
        ToolException e = assertThrows(ToolException.class,
                () -> new ClientProperties().file(dir.resolve("nope.properties")));
        assertTrue(e.getMessage().contains("nope.properties"), e.getMessage());
    }
}
