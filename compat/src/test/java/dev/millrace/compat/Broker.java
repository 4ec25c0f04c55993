package dev.millrace.compat;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;
import java.nio.file.Path;
import java.util.Map;

/** A real Millrace broker in this JVM on an ephemeral port, its logs in a test directory. */
final class Broker implements AutoCloseable {
    private final MillraceServer server;

    Broker(Path logDir) throws InterruptedException {
        server = MillraceServer.start(BrokerConfig.parse(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", logDir.toString(),
                "num.io.threads", "2",
                "num.network.threads", "2")));
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
