package dev.millrace.examples;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;

import java.nio.file.Path;
import java.util.Map;

/** A real in-process Millrace broker for the examples' runs against a broker: any free port, logs under dir. */
public final class TestBroker {
    private TestBroker() {
    }

    public static MillraceServer start(Path dir) throws Exception {
        return MillraceServer.start(BrokerConfig.parse(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                // no wait for more members: the examples' groups start at once
                "group.initial.rebalance.delay.ms", "0",
                "num.io.threads", "2",
                "num.network.threads", "2")));
    }
}
