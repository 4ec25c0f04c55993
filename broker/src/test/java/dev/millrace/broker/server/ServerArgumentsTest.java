package dev.millrace.broker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerArgumentsTest {

    @Test
    void overridesWinOverTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "num.partitions=3\nnode.id=1\n# a comment\n");
        Map<String, String> values = ServerArguments.parse(new String[] {"--config", file.toString(),
                "--override", "num.partitions=6", "--override", "log.dirs=/tmp/a"});
        assertEquals("6", values.get("num.partitions"));
        assertEquals("1", values.get("node.id"));
        assertEquals("/tmp/a", values.get("log.dirs"));
    }

    @Test
    void malformedCommandLinesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ServerArguments.parse(new String[] {"--override", "novalue"}));
        assertThrows(IllegalArgumentException.class, () -> ServerArguments.parse(new String[] {"--config"}));
        assertThrows(IllegalArgumentException.class, () -> ServerArguments.parse(new String[] {"--frobnicate"}));
    }
}
