package dev.millrace.broker.it;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes a Netty leak report fail the build instead of scrolling past in the log. Registered for every
 * test class through {@code META-INF/services/org.junit.jupiter.api.extension.Extension} (autodetection is
 * on in {@code junit-platform.properties}); after each class it collects garbage, makes every leak detector
 * drain its reference queue and fails if any leak was recorded, naming the resource and its access records.
 *
 * <p>Detectors are per resource type and Netty builds them through {@link ResourceLeakDetectorFactory}, most
 * of them in static initialisers (the ByteBuf one when {@code AbstractByteBuf} loads). JUnit instantiates
 * autodetected extensions before it runs any test class, so installing our factory in this class's static
 * initialiser comes before any test touches Netty. Should a ByteBuf detector exist already (the class was
 * loaded earlier somehow), a listener is attached to it instead, so buffer leaks are still caught.
 */
public final class LeakCheck implements AfterAllCallback {
    /** One reported leak: Netty's resource type name and its records (creation and access traces, hints). */
    public record Leak(String resourceType, String records) {
        @Override
        public String toString() {
            return "LEAK of " + resourceType + (records.isEmpty()
                    ? " (no access records: run with -Dio.netty.leakDetection.level=paranoid to see where)"
                    : ":\n" + records);
        }
    }

    private static final List<Leak> LEAKS = new CopyOnWriteArrayList<>();
    private static final List<ResourceLeakDetector<?>> DETECTORS = new CopyOnWriteArrayList<>();
    private static boolean byteBufDetectorFromOurFactory;

    static {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Surefire sets paranoid; an IDE run may not. Paranoid tracks every buffer, with its traces.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        ensureByteBufDetectorRecords();
    }

    /** A detector that reports whatever its logger's level, and records each report. */
    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<?> resourceType, int samplingInterval) {
            super(resourceType, samplingInterval);
            setLeakListener(LeakCheck::record);
            DETECTORS.add(this);
        }

        @Override
        protected boolean needReport() {
            // Netty skips reporting (and drops the leak) when its logger has ERROR off; we never want that.
            return true;
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static void record(String resourceType, String records) {
        LEAKS.add(new Leak(resourceType, records == null ? "" : records));
    }

    /** Loads AbstractByteBuf (through our factory, normally) and makes sure its detector feeds us. */
    private static void ensureByteBufDetectorRecords() {
        try {
            Class<?> c = Class.forName("io.netty.buffer.AbstractByteBuf");
            Field f = c.getDeclaredField("leakDetector");
            f.setAccessible(true);
            ResourceLeakDetector<?> detector = (ResourceLeakDetector<?>) f.get(null);
            byteBufDetectorFromOurFactory = detector instanceof RecordingDetector;
            if (!byteBufDetectorFromOurFactory) {
                detector.setLeakListener(LeakCheck::record);
                DETECTORS.add(detector);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError(
                    new IllegalStateException("Cannot hook Netty's ByteBuf leak detector; leak checks would be blind", e));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        assertNoLeaks(leak -> true);
    }

    /**
     * Collects garbage, lets every detector report what was collected unreleased, and throws naming each
     * recorded leak that {@code which} selects; those leaks are then forgotten, others stay recorded.
     */
    public static void assertNoLeaks(Predicate<Leak> which) {
        collect();
        List<Leak> found = new ArrayList<>();
        for (Iterator<Leak> it = LEAKS.iterator(); it.hasNext(); ) {
            Leak leak = it.next();
            if (which.test(leak)) {
                found.add(leak);
                LEAKS.remove(leak);
            }
        }
        if (!found.isEmpty()) {
            StringBuilder sb = new StringBuilder(found.size() + " Netty resource leak(s) reported");
            for (Leak leak : found) {
                sb.append("\n\n").append(leak);
            }
            throw new AssertionError(sb.toString());
        }
    }

    /**
     * True when Netty built its ByteBuf detector through our factory, i.e. this class was loaded before any
     * Netty buffer; otherwise only ByteBuf leaks (through the fallback listener) are caught.
     */
    public static boolean byteBufDetectorFromOurFactory() {
        return byteBufDetectorFromOurFactory;
    }

    /** Leaks recorded so far, without collecting. */
    public static List<Leak> recorded() {
        return List.copyOf(LEAKS);
    }

    /**
     * Runs a few GC rounds and after each makes every detector poll its reference queue. A detector only
     * drains its queue when it tracks a new object, so each is handed a throw-away probe. Each round waits
     * (bounded) until a phantom sentinel of its own is enqueued, i.e. the reference handler has caught up.
     */
    static void collect() {
        for (int round = 0; round < 3; round++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), queue);
            System.gc();
            try {
                queue.remove(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sentinel.clear();
            for (ResourceLeakDetector<?> detector : DETECTORS) {
                drain(detector);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void drain(ResourceLeakDetector<?> detector) {
        ResourceLeakDetector<Object> d = (ResourceLeakDetector<Object>) detector;
        Object probe = new Object();
        // Forcibly: at levels below paranoid a plain track() reports only when it samples.
        ResourceLeakTracker<Object> tracker = d.trackForcibly(probe);
        if (tracker != null) {
            tracker.close(probe);
        }
    }
}
