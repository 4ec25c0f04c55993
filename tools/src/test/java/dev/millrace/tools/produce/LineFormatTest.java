package dev.millrace.tools.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.tools.client.ToolException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineFormatTest {

    @Test
    void withoutParseKeyTheWholeLineIsTheValue() {
        LineFormat format = LineFormat.fromProperties(Map.of());
        assertEquals(new LineFormat.Parsed(null, "a\tb"), format.parse("a\tb", 1));
    }

    @Test
    void keySplitsAtTheFirstSeparatorWhichDefaultsToTab() {
        LineFormat format = LineFormat.fromProperties(Map.of("parse.key", "true"));
        assertEquals(new LineFormat.Parsed("k", "v\tw"), format.parse("k\tv\tw", 1));
    }

    @Test
    void customAndMultiCharacterSeparators() {
        assertEquals(new LineFormat.Parsed("user-1", "x:y"),
                LineFormat.fromProperties(Map.of("parse.key", "true", "key.separator", ":")).parse("user-1:x:y", 1));
        assertEquals(new LineFormat.Parsed("a", "b"),
                LineFormat.fromProperties(Map.of("parse.key", "true", "key.separator", "::")).parse("a::b", 1));
        assertEquals(new LineFormat.Parsed("", ""),
                LineFormat.fromProperties(Map.of("parse.key", "true", "key.separator", ":")).parse(":", 1));
    }

    @Test
    void missingSeparatorFailsNamingTheLineUnlessIgnored() {
        LineFormat strict = LineFormat.fromProperties(Map.of("parse.key", "true", "key.separator", ":"));
        ToolException e = assertThrows(ToolException.class, () -> strict.parse("no-key-here", 7));
        assertTrue(e.getMessage().contains("line 7"), e.getMessage());

        LineFormat lenient = LineFormat.fromProperties(
                Map.of("parse.key", "true", "key.separator", ":", "ignore.error", "true"));
        assertEquals(new LineFormat.Parsed(null, "no-key-here"), lenient.parse("no-key-here", 7));
    }

    @Test
    void nullMarkerSendsNull() {
        LineFormat format = LineFormat.fromProperties(
                Map.of("parse.key", "true", "key.separator", ":", "null.marker", "<null>"));
        assertEquals(new LineFormat.Parsed(null, "v"), format.parse("<null>:v", 1));
        assertEquals(new LineFormat.Parsed("k", null), format.parse("k:<null>", 1));
    }

    @Test
    void unknownOrBadPropertiesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LineFormat.fromProperties(Map.of("parse.kye", "true")));
        assertTrue(e.getMessage().contains("parse.kye"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LineFormat.fromProperties(Map.of("parse.key", "yes")));
        assertThrows(IllegalArgumentException.class, () -> LineFormat.fromProperties(Map.of("key.separator", "")));
    }
}
