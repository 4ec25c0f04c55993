package dev.millrace.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KafkaJS 2.2.4 (npm): admin, producers with each codec it supports, idempotence, and fetches back. */
class KafkaJsTest {

    @Test
    void kafkaJsRoundTripsAgainstTheDistribution(@TempDir Path dir) throws Exception {
        ScriptedClients.requireCommand("node", "apt-get install nodejs npm");
        Path scriptDir = MillraceProcess.HOME.resolve("e2e/kafkajs");
        if (!Files.isDirectory(scriptDir.resolve("node_modules/kafkajs"))) {
            ScriptedClients.requireCommand("kafkajs-node-modules", "npm ci in e2e/kafkajs");
        }
        try (MillraceProcess broker = new MillraceProcess(dir.resolve("data"), List.of()).start()) {
            ScriptedClients.runScript(List.of("node", "kafkajs-test.js", broker.bootstrap()), scriptDir);
        }
    }
}
