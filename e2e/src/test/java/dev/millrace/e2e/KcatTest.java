package dev.millrace.e2e;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * librdkafka's kcat (Debian's package) lists, produces with every codec and idempotence, and consumes, alone and as
 * balanced consumers of a group whose committed offsets {@code bin/millrace groups} then describes.
 */
class KcatTest {

    @Test
    void kcatRoundTripsAgainstTheDistribution(@TempDir Path dir) throws Exception {
        ScriptedClients.requireCommand("kcat", "apt-get install kcat");
        try (MillraceProcess broker = new MillraceProcess(dir.resolve("data"), List.of()).start()) {
            ScriptedClients.runScript(List.of("bash", MillraceProcess.HOME.resolve("e2e/kcat/kcat-test.sh").toString(),
                    broker.bootstrap(), MillraceProcess.HOME.resolve("bin/millrace").toString()), MillraceProcess.HOME.toAbsolutePath());
        }
    }
}
