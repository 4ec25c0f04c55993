package dev.millrace.examples;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BootstrapTest {
    @Test
    void argumentThenEnvironmentThenLocalhost() {
        assertEquals("a:1", Bootstrap.servers(new String[] {"a:1"}, Map.of(Bootstrap.ENV, "b:2")));
        assertEquals("b:2", Bootstrap.servers(new String[0], Map.of(Bootstrap.ENV, "b:2")));
        assertEquals("localhost:9092", Bootstrap.servers(null, Map.of()));
        assertEquals("localhost:9092", Bootstrap.servers(new String[] {" "}, Map.of(Bootstrap.ENV, "")));
    }
}
