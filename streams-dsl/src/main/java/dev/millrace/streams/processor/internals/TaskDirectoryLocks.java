package dev.millrace.streams.processor.internals;

import dev.millrace.streams.errors.StreamsException;

import java.io.File;
import java.util.HashMap;
import java.util.Map;

/**
 * One owner at a time per task directory in this JVM. In an eager rebalance a task can move between two threads of
 * one process: the new owner may get its assignment before the old owner has closed the task (and released RocksDB's
 * lock), so it waits here. Every thread closes the tasks it lost before opening new ones, so waits always end.
 */
final class TaskDirectoryLocks {
    static final long WAIT_MS = 60_000;
    private static final Map<String, Thread> owners = new HashMap<>();

    private TaskDirectoryLocks() {
    }

    static synchronized void acquire(File taskDirectory) {
        String key = taskDirectory.getAbsolutePath();
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (owners.containsKey(key) && owners.get(key) != Thread.currentThread()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new StreamsException("task directory " + key + " is still held by " + owners.get(key).getName()
                        + " after " + WAIT_MS + " ms");
            }
            try {
                TaskDirectoryLocks.class.wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamsException("interrupted waiting for task directory " + key, e);
            }
        }
        owners.put(key, Thread.currentThread());
    }

    static synchronized void release(File taskDirectory) {
        owners.remove(taskDirectory.getAbsolutePath());
        TaskDirectoryLocks.class.notifyAll();
    }
}
