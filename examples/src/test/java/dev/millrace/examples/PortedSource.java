package dev.millrace.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The port claim on an example's source: its Kafka Streams twin (test scope, class name prefixed "Kafka") is the
 * example's source with {@code dev.millrace.streams} imports turned into {@code org.apache.kafka.streams} ones and
 * nothing else changed.
 */
public final class PortedSource {
    private PortedSource() {
    }

    /** {@code example}'s package and simple name; its twin is Kafka + simple name, in the same package under test. */
    public static void assertOnlyImportPrefixChanged(Class<?> example) throws IOException {
        String file = example.getName().replace('.', '/');
        String twinFile = example.getPackageName().replace('.', '/') + "/Kafka" + example.getSimpleName();
        Path src = Path.of("src");
        String ours = Files.readString(src.resolve("main/java/" + file + ".java"));
        String kafkas = Files.readString(src.resolve("test/java/" + twinFile + ".java"));
        String ported = ours.replace("import dev.millrace.streams.", "import org.apache.kafka.streams.")
                .replaceAll("\\b" + example.getSimpleName() + "\\b", "Kafka" + example.getSimpleName());
        assertEquals(ported, kafkas);
    }
}
