package dev.millrace.bench.cdc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Debezium's embedded engine, run by {@code DebeziumMain} in a JVM of its own (Debezium needs Kafka 4.3's
 * clients, Millrace ships 4.4's). One such JVM serves the whole benchmark run, as Millrace's connector runs in the
 * benchmark's JVM for the whole run: both warm up alike. Each {@link #start} starts an engine there with a
 * connector config, each {@link #close} stops it.
 */
final class DebeziumCdc implements CdcEngine {
    private final Path workDir;
    private final String label;
    private final Process process;
    private final Writer control;
    private final BufferedReader replies;
    private Path lastConfig;

    private DebeziumCdc(Path workDir, String label, Process process) {
        this.workDir = workDir;
        this.label = label;
        this.process = process;
        this.control = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts Debezium's JVM and waits until it is ready. */
    static DebeziumCdc launch(String bootstrap, Path workDir, String classpath) throws IOException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g"));
        String opts = System.getenv("CDC_BENCH_DEBEZIUM_OPTS");
        if (opts != null && !opts.isBlank()) {
            command.addAll(List.of(opts.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", classpath, "dev.millrace.bench.cdc.debezium.DebeziumMain", bootstrap));
        Process process = new ProcessBuilder(command).redirectError(workDir.resolve("debezium.log").toFile())
                .start();
        DebeziumCdc d = new DebeziumCdc(workDir, "debezium", process);
        d.expect("READY");
        return d;
    }

    /** The same JVM under another name (the control run's second Debezium). */
    DebeziumCdc as(String otherLabel) {
        return new DebeziumCdc(workDir, otherLabel, process);
    }

    @Override
    public String name() {
        return label;
    }

    @Override
    public void start(String connectorName, Map<String, String> config) throws IOException {
        Properties props = new Properties();
        props.putAll(config);
        props.put("name", connectorName);
        props.put("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        props.put("offset.storage.file.filename", workDir.resolve(connectorName + ".offsets").toString());
        Path file = workDir.resolve(connectorName + ".properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            props.store(w, null);
        }
        lastConfig = file;
        send("GO " + file);
    }

    /** Closes the engine, which commits its offsets to its offsets file. */
    @Override
    public void stop() throws IOException {
        send("STOP");
        expect("STOPPED");
    }

    /** A new engine on the same config, so the same offsets file. */
    @Override
    public void restart() throws IOException {
        send("GO " + lastConfig);
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** Ends Debezium's JVM. */
    void shutdown() throws InterruptedException {
        try {
            control.close();
        } catch (IOException gone) {
            // already ended
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void send(String line) throws IOException {
        synchronized (process) {
            control.write(line + "\n");
            control.flush();
        }
    }

    private void expect(String word) throws IOException {
        String line = replies.readLine();
        if (!word.equals(line)) {
            throw new IllegalStateException("Debezium's JVM answered " + line + " instead of " + word + "; see "
                    + workDir.resolve("debezium.log"));
        }
    }
}
