package dev.millrace.connect.runtime;

import dev.millrace.connect.errors.ConnectException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Standalone worker, as {@code connect-standalone}: {@code bin/millrace connect --config worker.properties
 * [connector.properties...]}. Each connector file (with a {@code name}) is created, or updated when a connector of
 * that name is already stored. Exit codes: 2 for bad arguments or worker config, 1 when start-up fails.
 */
public final class ConnectMain {
    private ConnectMain() {
    }

    public static void main(String[] args) {
        Path workerFile = null;
        List<Path> connectorFiles = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("Usage: bin/millrace connect --config worker.properties [connector.properties...]");
                return;
            } else if (arg.equals("--config")) {
                if (i + 1 >= args.length) {
                    exit(2, "--config needs a file");
                }
                workerFile = Path.of(args[++i]);
            } else if (arg.startsWith("--")) {
                exit(2, "unknown option " + arg + " (usage: connect --config worker.properties [connector.properties...])");
            } else if (workerFile == null) {
                workerFile = Path.of(arg);
            } else {
                connectorFiles.add(Path.of(arg));
            }
        }
        if (workerFile == null) {
            exit(2, "a worker config is needed: connect --config worker.properties [connector.properties...]");
        }
        WorkerConfig config;
        List<Map<String, String>> connectors = new ArrayList<>();
        try {
            config = WorkerConfig.parse(load(workerFile));
            for (Path file : connectorFiles) {
                Map<String, String> props = load(file);
                if (props.getOrDefault("name", "").isBlank()) {
                    throw new ConnectException("Connector config " + file + " has no 'name'");
                }
                connectors.add(props);
            }
        } catch (ConnectException e) {
            exit(2, e.getMessage());
            return;
        }
        ConnectRuntime runtime;
        try {
            runtime = ConnectRuntime.start(config);
        } catch (RuntimeException e) {
            exit(1, "failed to start: " + e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "millrace-connect-shutdown"));
        for (Map<String, String> props : connectors) {
            try {
                runtime.herder().putConfig(props.get("name"), props);
            } catch (RuntimeException e) {
                exit(1, "connector " + props.get("name") + ": " + e.getMessage());
            }
        }
        System.out.printf("Millrace connect started: REST API on %s, Kafka at %s, %d connector(s)%n",
                runtime.restUrl(), config.get(WorkerConfig.BOOTSTRAP_SERVERS), runtime.herder().connectorNames().size());
        System.out.flush();
    }

    /** A properties file as an ordered map. */
    public static Map<String, String> load(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConnectException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }

    private static void exit(int code, String message) {
        System.err.println("millrace connect: " + message);
        System.exit(code);
    }
}
