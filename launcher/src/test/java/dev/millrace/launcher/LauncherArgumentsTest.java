package dev.millrace.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherArgumentsTest {

    @Test
    void launcherFlagsAreTakenOutAndTheRestGoesToTheBrokerInOrder() {
        LauncherArguments a = LauncherArguments.parse(new String[] {"--config", "b.properties", "--connect-config",
                "w.properties", "--override", "x=y", "--no-connect"});
        assertEquals(List.of("--config", "b.properties", "--override", "x=y"), a.brokerArgs());
        assertEquals(Path.of("w.properties"), a.connectConfig());
        assertFalse(a.connectEnabled());
    }

    @Test
    void defaultsRunTheRuntimeAndPassUnknownArgumentsToTheBroker() {
        LauncherArguments a = LauncherArguments.parse(new String[] {"--bogus"});
        assertEquals(List.of("--bogus"), a.brokerArgs(), "the broker reports unknown arguments itself");
        assertNull(a.connectConfig());
        assertTrue(a.connectEnabled());
        assertThrows(IllegalArgumentException.class, () -> LauncherArguments.parse(new String[] {"--connect-config"}));
    }

    @Test
    void connectConfigOverridesTheDefaults() {
        Map<String, String> props = MillraceLauncher.workerProps("127.0.0.1:9092", Map.of("rest.port", "18083"));
        assertEquals("127.0.0.1:9092", props.get("bootstrap.servers"));
        assertEquals("18083", props.get("rest.port"));
        assertEquals("127.0.0.1", props.get("rest.host.name"));
    }
}
