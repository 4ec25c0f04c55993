package dev.millrace.tools.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.tools.ToolRun;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Argument handling of {@code consume}; every case here fails or passes before any connection is made. */
class ConsumeCommandTest {

    private static ConsumeCommand parse(String... extra) {
        String[] args = new String[extra.length + 5];
        args[0] = "consume";
        args[1] = "--bootstrap-server";
        args[2] = "h:1";
        args[3] = "--topic";
        args[4] = "t";
        System.arraycopy(extra, 0, args, 5, extra.length);
        return ToolRun.parsed(args);
    }

    @Test
    void startsAtTheEndUnlessToldOtherwise() {
        assertEquals(StartPosition.LATEST, parse().startPosition());
        assertEquals(StartPosition.EARLIEST, parse("--from-beginning").startPosition());
        assertEquals(StartPosition.EARLIEST, parse("--offset", "earliest").startPosition());
        assertEquals(new StartPosition(StartPosition.Kind.OFFSET, 42),
                parse("--partition", "0", "--offset", "42").startPosition());
    }

    @Test
    void rejectedCombinations() {
        assertThrows(IllegalArgumentException.class, () -> parse("--offset", "42").startPosition());
        assertThrows(IllegalArgumentException.class, () -> parse("--offset", "-1", "--partition", "0").startPosition());
        assertThrows(IllegalArgumentException.class, () -> parse("--offset", "soon", "--partition", "0").startPosition());
        assertThrows(IllegalArgumentException.class,
                () -> parse("--from-beginning", "--offset", "earliest").startPosition());
        assertThrows(IllegalArgumentException.class, () -> parse("--group", "g", "--partition", "0").startPosition());
        assertThrows(IllegalArgumentException.class, () -> parse("--max-messages", "0").startPosition());
    }

    @Test
    void usageErrorsExitWithTwoBeforeConnecting() {
        ToolRun run = ToolRun.of("consume", "--bootstrap-server", "h:1", "--topic", "t", "--offset", "3");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--offset N needs --partition"), run.err());
    }

    @Test
    void withoutGroupNothingIsCommitted() {
        Properties props = parse("--consumer-property", "client.id=me").consumerProperties();
        assertNull(props.getProperty("group.id"));
        assertEquals("false", props.getProperty("enable.auto.commit"));
        assertEquals("latest", props.getProperty("auto.offset.reset"));
        assertEquals("me", props.getProperty("client.id"));
        assertEquals("false", props.getProperty("allow.auto.create.topics"));
    }

    @Test
    void groupSubscribesFromTheBeginningWhenAsked() {
        Properties props = parse("--group", "g", "--from-beginning").consumerProperties();
        assertEquals("g", props.getProperty("group.id"));
        assertEquals("earliest", props.getProperty("auto.offset.reset"));
        assertNull(props.getProperty("enable.auto.commit"));
    }
}
