package dev.millrace.bench.streams;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One application run: a fresh output topic and application.id, the app's JVM started on its implementation's
 * classpath, the output watched from this JVM until complete, then the app stopped (stdin closed, killed after 60 s).
 */
final class AppRun {
    private static final long TIMEOUT_MS = 240_000;

    private final StreamsBench.Options options;
    private final String bootstrap;
    private final String benchCase;
    private final String impl;
    private final int round;
    private final long records;
    private final long expectedOutput;

    AppRun(StreamsBench.Options options, String bootstrap, String benchCase, String impl, int round, long records,
           long expectedOutput) {
        this.options = options;
        this.bootstrap = bootstrap;
        this.benchCase = benchCase;
        this.impl = impl;
        this.round = round;
        this.records = records;
        this.expectedOutput = expectedOutput;
    }

    /** What one run measured; times are milliseconds from the app's STARTED line (just before start()). */
    record Result(String benchCase, String impl, int round, long records, long toRunningMs, long toProcessedMs,
                  long toOutputMs, String loadBefore, String loadAfter, String failure) {
        double processedPerSecond() {
            return toProcessedMs > 0 ? records * 1000.0 / toProcessedMs : 0;
        }

        /** The processing rate alone: from RUNNING (tasks assigned, stores open) to the last input record. */
        double processedPerSecondAfterRunning() {
            return toProcessedMs > toRunningMs && toRunningMs >= 0 ? records * 1000.0 / (toProcessedMs - toRunningMs) : 0;
        }

        double outputPerSecond() {
            return toOutputMs > 0 ? records * 1000.0 / toOutputMs : 0;
        }

        String line() {
            if (failure != null) return String.format("round %d %-9s %-8s FAILED: %s", round, benchCase, impl, failure);
            return String.format("round %d %-9s %-8s running %5d ms  processed %6d ms (%,8.0f rec/s)  output complete %6d ms (%,8.0f rec/s)  load %s",
                    round, benchCase, impl, toRunningMs, toProcessedMs, processedPerSecond(), toOutputMs,
                    outputPerSecond(), loadAfter);
        }
    }

    Result execute() throws Exception {
        String tag = benchCase + "-" + impl + "-r" + round;
        String output = "out-" + tag;
        String appId = "bench-" + tag + "-" + Long.toHexString(System.nanoTime());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(output, StreamsBench.PARTITIONS, (short) 1).configs(StreamsBench.KEEP)))
                    .all().get();
        }
        Path stateDir = options.work.resolve("state").resolve(appId);
        Files.createDirectories(stateDir);
        String loadBefore = Machine.loadAverage();

        List<String> command = new ArrayList<>();
        command.add(options.java);
        command.add("-Xmx1g");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        // enough of Kafka Streams' and the consumer's story to tell why a run stalled (Millrace's runtime logs
        // its rebalances and tasks through System.Logger at INFO anyway)
        command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.streams=info");
        command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.FetchSessionHandler=info");
        command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.consumer.internals.ConsumerCoordinator=info");
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        // {run} names the run in the app's options, e.g. one JFR file per run (JDK 17's JFR does not expand %p)
        if (!options.appJvmOpts.isBlank()) command.addAll(List.of(options.appJvmOpts.replace("{run}", tag).trim().split("\\s+")));
        command.addAll(List.of("-cp", options.classpaths.get(impl), "dev.millrace.bench.streams.StreamsBenchApp",
                "--case", benchCase, "--bootstrap", bootstrap, "--app-id", appId, "--state-dir", stateDir.toString(),
                "--input", StreamsBench.INPUT, "--output", output, "--records", String.valueOf(records)));
        Process app = new ProcessBuilder(command)
                .redirectError(options.work.resolve(tag + ".log").toFile())
                .start();
        Map<String, Long> marks = new ConcurrentHashMap<>();
        Thread reader = new Thread(() -> readMarks(app, marks), "marks-" + tag);
        reader.setDaemon(true);
        reader.start();
        long done;
        long progress;
        try (OutputWatcher watcher = new OutputWatcher(bootstrap, output, StreamsBench.PARTITIONS)) {
            done = benchCase.equals("stateless")
                    ? watcher.awaitCount(expectedOutput, TIMEOUT_MS, app::isAlive)
                    : watcher.awaitCountSum(expectedOutput, TIMEOUT_MS, app::isAlive);
            progress = watcher.progress();
        } finally {
            app.getOutputStream().close();
            if (!app.waitFor(60, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
            StreamsBench.deleteTree(stateDir);
        }
        Long started = marks.get("STARTED");
        if (started == null) {
            throw new IllegalStateException(tag + ": the app did not start (see " + options.work.resolve(tag + ".log") + ")");
        }
        // a run that did not complete is reported and left out of the medians; the next run goes on
        String failure = done < 0 ? String.format("output %,d of %,d after %d s; marks %s; log %s", progress,
                expectedOutput, TIMEOUT_MS / 1000, marks, options.work.resolve(tag + ".log")) : null;
        return new Result(benchCase, impl, round, records, since(marks.get("RUNNING"), started),
                since(marks.get("PROCESSED"), started), done < 0 ? -1 : done - started, loadBefore,
                Machine.loadAverage(), failure);
    }

    private static long since(Long mark, long started) {
        return mark == null ? -1 : mark - started;
    }

    private static void readMarks(Process app, Map<String, Long> marks) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                String[] words = line.split(" ");
                if (words.length == 2 && words[1].matches("\\d+")) marks.putIfAbsent(words[0], Long.parseLong(words[1]));
            }
        } catch (IOException e) {
            // the app ended; what it printed is in marks
        }
    }
}
