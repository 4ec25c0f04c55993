package dev.millrace.tools.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.tools.ToolRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Argument handling of {@code topics}; every case here fails before any connection is made. */
class TopicsCommandTest {

    private static final String BS = "127.0.0.1:1";

    @Test
    void createTakesKafkaFlags() {
        TopicsCommand cmd = ToolRun.parsed("topics", "--bootstrap-server", BS, "--create", "--topic", "t",
                "--partitions", "3", "--replication-factor", "1", "--config", "cleanup.policy=compact",
                "--config", "retention.ms=1000", "--if-not-exists");
        cmd.validate();
        assertTrue(cmd.action.create);
        assertEquals("t", cmd.topic);
        assertEquals(3, cmd.partitions);
        assertEquals((short) 1, cmd.replicationFactor);
        assertEquals(Map.of("cleanup.policy", "compact", "retention.ms", "1000"), cmd.configs);
        assertTrue(cmd.ifNotExists);
    }

    @Test
    void createWithoutPartitionsLeavesThemToTheBroker() {
        TopicsCommand cmd = ToolRun.parsed("topics", "--bootstrap-server", BS, "--create", "--topic", "t");
        cmd.validate();
        assertNull(cmd.partitions);
        assertNull(cmd.replicationFactor);
    }

    @Test
    void exactlyOneActionIsRequired() {
        assertUsageError("", "--bootstrap-server", BS, "--topic", "t");
        assertUsageError("mutually exclusive", "--bootstrap-server", BS, "--create", "--list", "--topic", "t");
    }

    @Test
    void bootstrapServerIsRequired() {
        assertUsageError("--bootstrap-server", "--list");
    }

    @Test
    void combinationsKafkaRejectsAreUsageErrors() {
        assertUsageError("--topic is required", "--bootstrap-server", BS, "--create");
        assertUsageError("--topic is required", "--bootstrap-server", BS, "--delete");
        assertUsageError("--alter needs --partitions", "--bootstrap-server", BS, "--alter", "--topic", "t");
        assertUsageError("--partitions must be at least 1",
                "--bootstrap-server", BS, "--create", "--topic", "t", "--partitions", "0");
        assertUsageError("--replication-factor is only valid with --create",
                "--bootstrap-server", BS, "--alter", "--topic", "t", "--partitions", "2", "--replication-factor", "1");
        assertUsageError("--config is only valid with --create",
                "--bootstrap-server", BS, "--delete", "--topic", "t", "--config", "a=b");
        assertUsageError("--if-not-exists", "--bootstrap-server", BS, "--delete", "--topic", "t", "--if-not-exists");
        assertUsageError("--topic cannot be used with --list", "--bootstrap-server", BS, "--list", "--topic", "t");
        assertUsageError("--partitions is only valid", "--bootstrap-server", BS, "--describe", "--partitions", "2");
    }

    private static void assertUsageError(String expected, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "topics";
        System.arraycopy(args, 0, full, 1, args.length);
        ToolRun run = ToolRun.of(full);
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), run.err());
    }
}
