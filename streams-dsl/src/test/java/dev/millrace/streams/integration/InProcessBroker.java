package dev.millrace.streams.integration;

import dev.millrace.broker.server.MillraceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Millrace broker per test class, on a free port with its logs in a temporary directory:
 * {@code @RegisterExtension static final InProcessBroker BROKER = new InProcessBroker();} then {@code BROKER.bootstrap()}.
 */
final class InProcessBroker implements BeforeAllCallback, AfterAllCallback {
    private Path dir;
    private MillraceServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("millrace-broker-");
        server = RuntimeTestSupport.startBroker(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) server.close();
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
            }
        }
    }

    String bootstrap() {
        return server.bootstrapServers();
    }
}
