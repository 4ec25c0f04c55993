package dev.millrace.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/millrace start} as its own operating-system process, the way a user runs it. Its output goes to
 * a log file next to its data, and start() waits for the line that says it is ready.
 */
final class MillraceProcess implements AutoCloseable {
    static final Path HOME = Path.of(System.getProperty("millrace.home", "..")).toAbsolutePath().normalize();

    private final Path dataDir;
    private final int port;
    private final List<String> extraOverrides;
    private final List<String> extraArgs;
    private Process process;
    private Thread pump;
    private Path logFile;
    private int starts;

    MillraceProcess(Path dataDir, List<String> extraOverrides) {
        this(dataDir, extraOverrides, List.of());
    }

    /** {@code extraArgs} go to {@code bin/millrace start} as they are, e.g. {@code --connect-config FILE}. */
    MillraceProcess(Path dataDir, List<String> extraOverrides, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.extraOverrides = extraOverrides;
        this.extraArgs = extraArgs;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    Path dataDir() {
        return dataDir;
    }

    MillraceProcess start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/millrace").toString(), "start",
                "--override", "log.dirs=" + dataDir,
                "--override", "listeners=PLAINTEXT://127.0.0.1:" + port));
        for (String o : extraOverrides) {
            command.add("--override");
            command.add(o);
        }
        command.addAll(extraArgs);
        logFile = dataDir.resolveSibling("millrace-" + port + "-" + (++starts) + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Files.writeString(logFile, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    if (line.contains("Millrace started")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.complete(false);
        }, "millrace-output");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!ready.get(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Millrace exited before it was ready; see " + logFile + ":\n" + log());
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Millrace did not become ready; see " + logFile + ":\n" + log(), e);
        }
        return this;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed by the broker. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        pump.join(5000);
    }

    /** SIGTERM: the broker's clean shutdown. Returns the exit code. */
    int stop() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its output pipe, losing the
        // lines its shutdown hook prints.
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Millrace did not stop within 60 s after SIGTERM");
        }
        // The last lines (the shutdown hook's) may still be on their way to the log file.
        pump.join(5000);
        return process.exitValue();
    }

    String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill9();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
