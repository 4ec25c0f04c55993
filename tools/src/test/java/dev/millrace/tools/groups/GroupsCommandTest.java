package dev.millrace.tools.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.tools.ToolRun;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;

/** Argument handling of {@code groups}; every case here fails or passes validation before any connection. */
class GroupsCommandTest {

    private static final String BS = "127.0.0.1:1";

    @Test
    void resetTakesKafkaFlags() {
        GroupsCommand cmd = ToolRun.parsed("groups", "--bootstrap-server", BS, "--reset-offsets", "--group", "g",
                "--topic", "t", "--topic", "u:0,2", "--shift-by", "-3", "--execute", "--timeout", "1000",
                "--command-config", "admin.properties");
        cmd.validate();
        assertTrue(cmd.action.resetOffsets);
        assertEquals(List.of("g"), cmd.groups);
        assertEquals(List.of("t", "u:0,2"), cmd.topics);
        assertEquals(-3L, cmd.shiftBy);
        assertTrue(cmd.execute);
        assertFalse(cmd.dryRun);
        assertEquals(1000, cmd.timeoutMs);
        assertEquals(List.of("--shift-by"), cmd.scenarios());
    }

    @Test
    void everyScenarioIsAccepted() {
        String[][] scenarios = {{"--to-earliest"}, {"--to-latest"}, {"--to-current"}, {"--to-offset", "5"},
            {"--shift-by", "2"}, {"--to-datetime", "2024-05-01T12:30:00.000"},
            {"--to-datetime", "2024-05-01T12:30:00.000Z"}, {"--to-datetime", "2024-05-01T12:30:00.000+02:00"},
            {"--by-duration", "PT1H30M"}};
        for (String[] scenario : scenarios) {
            List<String> args = new java.util.ArrayList<>(List.of("groups", "--bootstrap-server", BS,
                    "--reset-offsets", "--group", "g", "--all-topics", "--dry-run"));
            args.addAll(List.of(scenario));
            GroupsCommand cmd = ToolRun.parsed(args.toArray(String[]::new));
            cmd.validate();
            assertEquals(List.of(scenario[0]), cmd.scenarios());
        }
    }

    @Test
    void defaultsAreKafkas() {
        GroupsCommand cmd = ToolRun.parsed("groups", "--bootstrap-server", BS, "--describe", "--group", "g");
        cmd.validate();
        assertEquals(5000, cmd.timeoutMs);
        assertNull(cmd.state);
        assertFalse(cmd.members);
    }

    @Test
    void stateWithoutAValueShowsStatesAndWithOneFilters() {
        GroupsCommand all = ToolRun.parsed("groups", "--bootstrap-server", BS, "--list", "--state");
        all.validate();
        assertEquals("", all.state);
        assertEquals(Set.of(), all.listStates());

        GroupsCommand some = ToolRun.parsed("groups", "--bootstrap-server", BS, "--list", "--state", "stable,Empty");
        some.validate();
        assertEquals(Set.of(GroupState.STABLE, GroupState.EMPTY), some.listStates());

        GroupsCommand describe = ToolRun.parsed("groups", "--bootstrap-server", BS, "--describe", "--group", "g",
                "--state");
        describe.validate();
        assertEquals("", describe.state);
    }

    @Test
    void describeAndDeleteTakeSeveralGroups() {
        GroupsCommand cmd = ToolRun.parsed("groups", "--bootstrap-server", BS, "--delete", "--group", "a",
                "--group", "b");
        cmd.validate();
        assertEquals(List.of("a", "b"), cmd.groups);
        GroupsCommand all = ToolRun.parsed("groups", "--bootstrap-server", BS, "--describe", "--all-groups",
                "--members", "--verbose");
        all.validate();
        assertTrue(all.allGroups && all.members && all.verbose);
    }

    @Test
    void exactlyOneActionIsRequired() {
        assertUsageError("", "--bootstrap-server", BS, "--group", "g");
        assertUsageError("mutually exclusive", "--bootstrap-server", BS, "--list", "--describe", "--group", "g");
        assertUsageError("--bootstrap-server", "--list");
    }

    @Test
    void resetNeedsExactlyOneScenario() {
        assertUsageError("--reset-offsets needs exactly one of --to-earliest",
                "--bootstrap-server", BS, "--reset-offsets", "--group", "g", "--topic", "t", "--dry-run");
        assertUsageError("got --to-earliest, --to-offset",
                "--bootstrap-server", BS, "--reset-offsets", "--group", "g", "--topic", "t", "--dry-run",
                "--to-earliest", "--to-offset", "3");
    }

    @Test
    void resetNeedsExactlyOneOfDryRunAndExecute() {
        assertUsageError("exactly one of --dry-run",
                "--bootstrap-server", BS, "--reset-offsets", "--group", "g", "--topic", "t", "--to-latest");
        assertUsageError("exactly one of --dry-run",
                "--bootstrap-server", BS, "--reset-offsets", "--group", "g", "--topic", "t", "--to-latest",
                "--dry-run", "--execute");
    }

    @Test
    void resetNeedsExactlyOneScopeAndAGroup() {
        assertUsageError("exactly one scope",
                "--bootstrap-server", BS, "--reset-offsets", "--group", "g", "--to-latest", "--dry-run");
        assertUsageError("exactly one scope",
                "--bootstrap-server", BS, "--reset-offsets", "--group", "g", "--topic", "t", "--all-topics",
                "--to-latest", "--dry-run");
        assertUsageError("--reset-offsets needs --group",
                "--bootstrap-server", BS, "--reset-offsets", "--topic", "t", "--to-latest", "--dry-run");
    }

    @Test
    void badScenarioValuesAreUsageErrors() {
        assertUsageError("expected YYYY-MM-DDTHH:mm:SS.sss",
                "--bootstrap-server", BS, "--reset-offsets", "--group", "g", "--topic", "t", "--dry-run",
                "--to-datetime", "2024-05-01 12:30");
        assertUsageError("expected YYYY-MM-DDTHH:mm:SS.sss",
                "--bootstrap-server", BS, "--reset-offsets", "--group", "g", "--topic", "t", "--dry-run",
                "--to-datetime", "2024-02-30T00:00:00.000");
        assertUsageError("expected PnDTnHnMnS",
                "--bootstrap-server", BS, "--reset-offsets", "--group", "g", "--topic", "t", "--dry-run",
                "--by-duration", "1h");
        assertUsageError("--to-offset must not be negative",
                "--bootstrap-server", BS, "--reset-offsets", "--group", "g", "--topic", "t", "--dry-run",
                "--to-offset", "-1");
        assertUsageError("Invalid partition 'x'",
                "--bootstrap-server", BS, "--reset-offsets", "--group", "g", "--topic", "t:0,x", "--dry-run",
                "--to-earliest");
    }

    @Test
    void flagsOfOtherActionsAreUsageErrors() {
        assertUsageError("--to-earliest is only valid with --reset-offsets",
                "--bootstrap-server", BS, "--describe", "--group", "g", "--to-earliest");
        assertUsageError("--execute is only valid with --reset-offsets",
                "--bootstrap-server", BS, "--delete", "--group", "g", "--execute");
        assertUsageError("topic-specific offset deletion",
                "--bootstrap-server", BS, "--delete", "--group", "g", "--topic", "t");
        assertUsageError("--topic is only valid with",
                "--bootstrap-server", BS, "--describe", "--group", "g", "--topic", "t");
        assertUsageError("cannot be used with --list", "--bootstrap-server", BS, "--list", "--group", "g");
        assertUsageError("--members is only valid with --describe", "--bootstrap-server", BS, "--list", "--members");
        assertUsageError("--state is only valid", "--bootstrap-server", BS, "--delete", "--group", "g", "--state");
        assertUsageError("--all-topics is only valid",
                "--bootstrap-server", BS, "--delete-offsets", "--group", "g", "--topic", "t", "--all-topics");
        assertUsageError("--group and --all-groups",
                "--bootstrap-server", BS, "--describe", "--group", "g", "--all-groups");
    }

    @Test
    void describeViews() {
        assertUsageError("--describe needs --group", "--bootstrap-server", BS, "--describe");
        assertUsageError("at most one of --members, --offsets, --state",
                "--bootstrap-server", BS, "--describe", "--group", "g", "--members", "--state");
        assertUsageError("does not take a value for --state",
                "--bootstrap-server", BS, "--describe", "--group", "g", "--state", "stable");
    }

    @Test
    void listStatesMustBeConsumerGroupStates() {
        assertUsageError("Invalid state list 'stable,bogus'. Valid states are:",
                "--bootstrap-server", BS, "--list", "--state", "stable,bogus");
    }

    @Test
    void deleteOffsetsNeedsOneGroupAndATopic() {
        assertUsageError("--delete-offsets needs one --group and at least one --topic",
                "--bootstrap-server", BS, "--delete-offsets", "--group", "g");
        assertUsageError("--delete-offsets needs one --group and at least one --topic",
                "--bootstrap-server", BS, "--delete-offsets", "--group", "a", "--group", "b", "--topic", "t");
    }

    @Test
    void helpNamesTheFlags() {
        ToolRun run = ToolRun.of("groups", "--help");
        assertEquals(0, run.exitCode());
        for (String flag : List.of("--list", "--describe", "--reset-offsets", "--delete", "--delete-offsets",
                "--to-datetime", "--shift-by", "--dry-run", "--execute", "--members", "--state", "--command-config")) {
            assertTrue(run.out().contains(flag), flag);
        }
    }

    @Test
    void anUnreachableBrokerIsOneErrorLine() {
        ToolRun run = ToolRun.of("groups", "--bootstrap-server", BS, "--list", "--timeout", "300");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("Error: Cannot list consumer groups: "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    private static void assertUsageError(String expected, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "groups";
        System.arraycopy(args, 0, full, 1, args.length);
        ToolRun run = ToolRun.of(full);
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), run.err());
    }
}
