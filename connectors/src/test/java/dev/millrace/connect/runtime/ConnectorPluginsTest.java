package dev.millrace.connect.runtime;

import dev.millrace.connect.source.SourceConnector;
import dev.millrace.connect.source.SourceRecord;
import dev.millrace.connect.source.SourceTask;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectorPluginsTest {

    /** Registered in the test resources' META-INF/services file. */
    public static final class AliasedConnector extends SourceConnector {
        @Override public String version() { return "9.9"; }
        @Override public void start(Map<String, String> props) { }
        @Override public Class<? extends SourceTask> taskClass() { return NoopTask.class; }
        @Override public List<Map<String, String>> taskConfigs(int maxTasks) { return List.of(Map.of()); }
        @Override public void stop() { }
        @Override public List<String> validate(Map<String, String> props) { return List.of(); }
        @Override public List<String> aliases() { return List.of("com.example.OtherName", "Other"); }
    }

    public static final class NoopTask extends SourceTask {
        @Override public String version() { return "9.9"; }
        @Override public void start(Map<String, String> props) { }
        @Override public List<SourceRecord> poll() { return null; }
        @Override public void stop() { }
    }

    /** Registered too, but cannot even be constructed: the lookup skips it. */
    public static final class BrokenConnector extends SourceConnector {
        public BrokenConnector() {
            throw new IllegalStateException("missing native library");
        }
        @Override public String version() { return "0"; }
        @Override public void start(Map<String, String> props) { }
        @Override public Class<? extends SourceTask> taskClass() { return NoopTask.class; }
        @Override public List<Map<String, String>> taskConfigs(int maxTasks) { return List.of(); }
        @Override public void stop() { }
        @Override public List<String> validate(Map<String, String> props) { return List.of(); }
    }

    private final ConnectorPlugins plugins = ConnectorPlugins.load();

    @Test
    void aPluginThatCannotLoadIsSkippedAndTheOthersRemain() {
        assertTrue(plugins.find("BrokenConnector").isEmpty());
        assertTrue(plugins.find("AliasedConnector").isPresent());
        assertTrue(plugins.find("FileStreamSource").isPresent());
    }

    @Test
    void connectorClassMatchesFullNameSimpleNameAndAliases() {
        for (String name : List.of(AliasedConnector.class.getName(), "AliasedConnector", "com.example.OtherName",
                "Other", " Other ")) {
            assertEquals(AliasedConnector.class, plugins.find(name).orElseThrow().type(), name);
        }
        assertTrue(plugins.find("com.example.Unknown").isEmpty());
        assertTrue(plugins.find(null).isEmpty());
    }

    @Test
    void eachLookupMakesAFreshInstanceAndReportsVersion() {
        SourceConnector a = plugins.newConnector("Other").orElseThrow();
        SourceConnector b = plugins.newConnector("Other").orElseThrow();
        assertInstanceOf(AliasedConnector.class, a);
        assertNotSame(a, b);
        assertEquals("9.9", plugins.find("Other").orElseThrow().version());
    }
}
