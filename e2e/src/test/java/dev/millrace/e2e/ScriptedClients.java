package dev.millrace.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs a client script against a broker and turns its exit code into a test result. */
final class ScriptedClients {
    private ScriptedClients() {
    }

    /**
     * Whether {@code command} can run here. When the test script demands every client
     * (MILLRACE_E2E_REQUIRED=1) a missing one fails the test; otherwise the test is skipped.
     */
    static void requireCommand(String command, String installHint) {
        boolean present = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
        if (present) {
            return;
        }
        String message = command + " is not installed (" + installHint + "); scripts/test.sh installs it";
        if ("1".equals(System.getenv("MILLRACE_E2E_REQUIRED"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    static void runScript(List<String> command, Path workDir) throws IOException, InterruptedException {
        Path log = Files.createTempFile("millrace-script", ".log");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("script did not finish within 300 s: " + command + "\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertEquals(0, p.exitValue(), "script failed: " + command + "\n" + output);
    }
}
