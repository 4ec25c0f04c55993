package dev.millrace.broker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The broker's main turns Netty's leak detector off unless the user asked for a level. */
class LeakDetectionDefaultTest {
    private String property;
    private ResourceLeakDetector.Level level;

    @BeforeEach
    void remember() {
        property = System.getProperty(MillraceServer.LEAK_DETECTION_PROPERTY);
        level = ResourceLeakDetector.getLevel();
    }

    @AfterEach
    void restore() {
        if (property == null) {
            System.clearProperty(MillraceServer.LEAK_DETECTION_PROPERTY);
        } else {
            System.setProperty(MillraceServer.LEAK_DETECTION_PROPERTY, property);
        }
        ResourceLeakDetector.setLevel(level);
    }

    @Test
    void withoutThePropertyTheDetectorIsOff() {
        System.clearProperty(MillraceServer.LEAK_DETECTION_PROPERTY);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        MillraceServer.disableLeakDetectionUnlessAsked();
        assertEquals(ResourceLeakDetector.Level.DISABLED, ResourceLeakDetector.getLevel());
    }

    @Test
    void aLevelTheUserAskedForIsKept() {
        System.setProperty(MillraceServer.LEAK_DETECTION_PROPERTY, "paranoid");
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        MillraceServer.disableLeakDetectionUnlessAsked();
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
    }
}
