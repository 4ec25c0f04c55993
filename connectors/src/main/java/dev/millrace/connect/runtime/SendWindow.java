package dev.millrace.connect.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Keeps a task's unacknowledged bytes (keys and values sent, not yet answered by the broker) under half of the
 * producer's {@code buffer.memory}: past that the task thread waits until acknowledgements bring them down to a
 * quarter. Without it a task that outruns the broker (a snapshot) fills the producer's buffer and then wakes once per
 * freed batch to fill one more, trading wake-ups and buffer locks with the producer's network thread on every
 * request, while every record waiting in the buffer stays alive for the garbage collector to copy. Half the buffer
 * is still thousands of batches, far more than the producer has in flight, so the broker never waits for the task.
 * {@link #acquire} runs on the task thread only; {@link #release} on the producer's thread.
 */
final class SendWindow {
    /** How often a waiting task looks at its stop condition when no acknowledgement wakes it. */
    private static final long RECHECK_NANOS = 10_000_000L;

    private final long high;
    private final long low;
    private final AtomicLong unacked = new AtomicLong();
    private volatile Thread waiting;

    SendWindow(long bufferMemory) {
        this.high = Math.max(1, bufferMemory / 2);
        this.low = bufferMemory / 4;
    }

    /**
     * Counts {@code bytes} as sent; when that takes the window past its high mark, waits until it is back at its low
     * mark or {@code giveUp} says to stop waiting (the task stops, or a send failed).
     */
    void acquire(long bytes, BooleanSupplier giveUp) {
        if (unacked.addAndGet(bytes) <= high) {
            return;
        }
        waiting = Thread.currentThread();
        try {
            while (unacked.get() > low && !giveUp.getAsBoolean()) {
                LockSupport.parkNanos(this, RECHECK_NANOS);
            }
        } finally {
            waiting = null;
        }
    }

    /** Counts {@code bytes} as acknowledged (or failed); wakes the waiting task when this reaches the low mark. */
    void release(long bytes) {
        long left = unacked.addAndGet(-bytes);
        if (left <= low && left + bytes > low) {
            Thread t = waiting;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    long unacknowledged() {
        return unacked.get();
    }
}
