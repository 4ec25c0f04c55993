package dev.millrace.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ToolsMainTest {

    @Test
    void noCommandIsAUsageError() {
        ToolRun run = ToolRun.of();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing command"), run.err());
    }

    @Test
    void unknownCommandIsAUsageError() {
        ToolRun run = ToolRun.of("frobnicate");
        assertEquals(2, run.exitCode());
    }

    @Test
    void helpListsTheTools() {
        ToolRun run = ToolRun.of("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("topics") && run.out().contains("produce") && run.out().contains("consume")
                        && run.out().contains("groups"),
                run.out());
    }

    @Test
    void eachToolHasHelp() {
        for (String tool : new String[] {"topics", "produce", "consume", "groups"}) {
            ToolRun run = ToolRun.of(tool, "--help");
            assertEquals(0, run.exitCode(), tool);
            assertTrue(run.out().contains("--bootstrap-server"), run.out());
        }
    }
}
