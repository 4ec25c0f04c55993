package dev.millrace.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unknown or invalid key stops {@code bin/millrace start} with a message naming the key. */
class InvalidConfigTest {

    @Test
    void unknownKeyInTheConfigFileStopsStartUp(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "node.id=1\nlog.retention.hourz=5\n");
        Result r = run(List.of("--config", file.toString(), "--override", "log.dirs=" + dir.resolve("data")));
        assertEquals(2, r.exitCode, r.output);
        assertTrue(r.output.contains("log.retention.hourz"), r.output);
        assertTrue(r.output.contains("log.retention.hours"), "the accepted keys are listed: " + r.output);
    }

    @Test
    void invalidValueStopsStartUpNamingTheKeyAndTheAcceptedValues(@TempDir Path dir) throws Exception {
        Result r = run(List.of("--override", "log.dirs=" + dir.resolve("data"),
                "--override", "log.message.timestamp.type=Sometimes"));
        assertEquals(2, r.exitCode, r.output);
        assertTrue(r.output.contains("log.message.timestamp.type"), r.output);
        assertTrue(r.output.contains("LogAppendTime"), r.output);
    }

    record Result(int exitCode, String output) {
    }

    private static Result run(List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(MillraceProcess.HOME.resolve("bin/millrace").toString(), "start"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("start-up with a bad config did not stop");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
