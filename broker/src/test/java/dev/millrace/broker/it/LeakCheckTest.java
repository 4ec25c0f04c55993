package dev.millrace.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The leak check can fail: a buffer dropped without release is recorded and {@link LeakCheck#assertNoLeaks}
 * throws, naming the resource, the hint and where it was allocated. Only this test's leak is consumed, so
 * the class itself ends green and a real leak found meanwhile still fails the class.
 */
class LeakCheckTest {

    @Test
    void aBufferDroppedWithoutReleaseFailsTheCheck() {
        String hint = "deliberate-leak-" + UUID.randomUUID();
        leakOneBuffer(hint);

        AssertionError failure = assertThrows(AssertionError.class,
                () -> LeakCheck.assertNoLeaks(leak -> leak.records().contains(hint)));
        String message = failure.getMessage();
        assertTrue(message.startsWith("1 Netty resource leak(s) reported"), message);
        assertTrue(message.contains("LEAK of ByteBuf"), message);
        assertTrue(message.contains(hint), message);
        assertTrue(message.contains("leakOneBuffer"), "the allocation trace names the leaking method: " + message);

        assertEquals(0, LeakCheck.recorded().stream().filter(l -> l.records().contains(hint)).count(),
                "the check forgets the leaks it reported");
    }

    @Test
    void theFactoryIsInstalledBeforeNettyBuildsItsDetectors() {
        // If something loads Netty's buffers before JUnit instantiates the extension, detectors for other
        // resource types would escape the check; this says so instead of silently weakening it.
        assertTrue(LeakCheck.byteBufDetectorFromOurFactory());
    }

    /** In its own frame, so nothing on the test's stack keeps the buffer reachable. */
    private static void leakOneBuffer(String hint) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(64);
        buf.writeLong(42L);
        buf.touch(hint);
    }
}
