package dev.millrace.connect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The task's send window: free up to half the buffer, then closed until acknowledgements bring it to a quarter. */
class SendWindowTest {

    /** Runs {@code acquire(bytes)} on a thread of its own; the latch opens when it returns. */
    private static CountDownLatch acquireOnAnotherThread(SendWindow w, long bytes, AtomicBoolean giveUp) {
        CountDownLatch returned = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            w.acquire(bytes, giveUp::get);
            returned.countDown();
        });
        t.setDaemon(true);
        t.start();
        return returned;
    }

    @Test
    void sendsFreelyUpToHalfTheBufferThenWaitsForAcknowledgementsDownToAQuarter() throws Exception {
        SendWindow w = new SendWindow(1000);
        w.acquire(300, () -> false);
        w.acquire(200, () -> false); // 500: at the high mark, not past it
        assertEquals(500, w.unacknowledged());

        CountDownLatch returned = acquireOnAnotherThread(w, 100, new AtomicBoolean());
        assertFalse(returned.await(200, TimeUnit.MILLISECONDS), "600 unacknowledged bytes: the task waits");
        w.release(300); // 300 left: under the high mark but above the low one (250)
        assertFalse(returned.await(200, TimeUnit.MILLISECONDS), "still above a quarter of the buffer");
        w.release(50); // 250: the low mark
        assertTrue(returned.await(5, TimeUnit.SECONDS), "acknowledgements down to a quarter let the task go on");
        assertEquals(250, w.unacknowledged(), "the waiting send is counted");
    }

    @Test
    void aStoppingTaskStopsWaiting() throws Exception {
        SendWindow w = new SendWindow(1000);
        AtomicBoolean giveUp = new AtomicBoolean();
        CountDownLatch returned = acquireOnAnotherThread(w, 900, giveUp);
        assertFalse(returned.await(100, TimeUnit.MILLISECONDS));
        giveUp.set(true);
        assertTrue(returned.await(5, TimeUnit.SECONDS), "the stop condition is looked at while waiting");
    }
}
