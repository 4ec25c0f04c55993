package dev.millrace.broker.partition;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that own partitions. Each partition is pinned to one single-threaded executor for its whole
 * life, so its log has exactly one writer and appends from a connection keep their order without locks.
 */
final class IoThreads implements AutoCloseable {
    private final ExecutorService[] threads;
    private final AtomicInteger nextAssignment = new AtomicInteger();

    IoThreads(int count) {
        threads = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            String name = "millrace-io-" + i;
            threads[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(false);
                return t;
            });
        }
    }

    /** Spreads partitions round-robin so that a topic's partitions land on different threads. */
    ExecutorService assign() {
        return threads[Math.floorMod(nextAssignment.getAndIncrement(), threads.length)];
    }

    /** Lets queued work (appends already accepted) finish, then stops the threads. */
    @Override
    public void close() {
        for (ExecutorService t : threads) {
            t.shutdown();
        }
        for (ExecutorService t : threads) {
            try {
                if (!t.awaitTermination(30, TimeUnit.SECONDS)) {
                    t.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                t.shutdownNow();
            }
        }
    }
}
