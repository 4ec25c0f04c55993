package dev.millrace.launcher;

import dev.millrace.broker.server.MillraceServer;
import dev.millrace.connect.errors.ConnectException;
import dev.millrace.connect.runtime.ConnectMain;
import dev.millrace.connect.runtime.ConnectRuntime;
import dev.millrace.connect.runtime.WorkerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bin/millrace start}: starts the broker exactly as {@link MillraceServer#main} does (same arguments, config
 * handling, exit codes and messages), then the connector runtime with {@code bootstrap.servers} = the broker's
 * listener and its REST API on 127.0.0.1:8083. {@code --connect-config FILE} overrides worker settings;
 * {@code --no-connect} leaves the runtime out. At exit, connectors stop (committing offsets) before the broker.
 * If the runtime cannot start (e.g. port 8083 taken), the broker keeps running and the reason is printed.
 */
public final class MillraceLauncher {
    private static final Logger log = LoggerFactory.getLogger(MillraceLauncher.class);

    private MillraceLauncher() {
    }

    public static void main(String[] args) {
        LauncherArguments parsed;
        Map<String, String> connectOverrides = Map.of();
        try {
            parsed = LauncherArguments.parse(args);
            if (parsed.connectConfig() != null) {
                connectOverrides = ConnectMain.load(parsed.connectConfig());
            }
            // a bad connect setting stops start-up before the broker opens its logs, naming the key
            WorkerConfig.parse(workerProps("localhost:9092", connectOverrides));
        } catch (IllegalArgumentException | ConnectException e) {
            System.err.println("millrace: " + e.getMessage());
            System.exit(2);
            return;
        }
        AtomicReference<ConnectRuntime> connect = new AtomicReference<>();
        MillraceServer server = MillraceServer.startFromCommandLine(parsed.brokerArgs().toArray(String[]::new), () -> {
            ConnectRuntime runtime = connect.getAndSet(null);
            if (runtime != null) {
                runtime.close();
            }
        });
        if (server == null || !parsed.connectEnabled()) {
            return;
        }
        try {
            ConnectRuntime runtime = ConnectRuntime.start(WorkerConfig.parse(workerProps(server.bootstrapServers(),
                    connectOverrides)));
            connect.set(runtime);
            System.out.printf("Millrace connect started: REST API on %s%n", runtime.restUrl());
        } catch (RuntimeException e) {
            log.warn("The connector runtime did not start; the broker runs without it", e);
            System.err.println("millrace: connector runtime not started: " + e.getMessage()
                    + " (the broker keeps running; --no-connect leaves it out, --connect-config FILE sets rest.port)");
        }
        System.out.flush();
    }

    /** The in-process worker's settings: the broker's listener and REST on 127.0.0.1:8083, then the file's keys. */
    static Map<String, String> workerProps(String bootstrap, Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("rest.host.name", "127.0.0.1");
        props.put("rest.port", "8083");
        props.putAll(overrides);
        return props;
    }
}
