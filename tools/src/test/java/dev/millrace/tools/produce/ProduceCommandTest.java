package dev.millrace.tools.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.tools.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProduceCommandTest {

    @TempDir
    Path dir;

    @Test
    void clientPropertiesLayerFileThenFlagsThenCodec() throws Exception {
        Path file = dir.resolve("producer.properties");
        Files.writeString(file, "acks=1\nlinger.ms=50\ncompression.type=lz4\n");
        ProduceCommand cmd = ToolRun.parsed("produce", "--bootstrap-server", "h:1", "--topic", "t",
                "--producer.config", file.toString(), "--producer-property", "linger.ms=0",
                "--compression-codec", "zstd", "--sync");
        Properties props = cmd.producerProperties();
        assertEquals("h:1", props.getProperty("bootstrap.servers"));
        assertEquals("1", props.getProperty("acks"));
        assertEquals("0", props.getProperty("linger.ms"));
        assertEquals("zstd", props.getProperty("compression.type"));
        assertTrue(cmd.sync);
    }

    @Test
    void compressionCodecWithoutValueMeansGzip() {
        ProduceCommand cmd = ToolRun.parsed("produce", "--bootstrap-server", "h:1", "--topic", "t",
                "--compression-codec");
        assertEquals("gzip", cmd.producerProperties().getProperty("compression.type"));
    }

    @Test
    void noCodecLeavesTheClientDefault() {
        ProduceCommand cmd = ToolRun.parsed("produce", "--bootstrap-server", "h:1", "--topic", "t");
        assertEquals(null, cmd.producerProperties().getProperty("compression.type"));
    }

    @Test
    void unknownLinePropertyIsAUsageError() {
        ToolRun run = ToolRun.of("produce", "--bootstrap-server", "h:1", "--topic", "t",
                "--property", "parse.kee=true");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("parse.kee"), run.err());
    }

    @Test
    void topicIsRequired() {
        ToolRun run = ToolRun.of("produce", "--bootstrap-server", "h:1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--topic"), run.err());
    }
}
