package dev.millrace.broker.group;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keyed one-shot timers on the coordinator thread: scheduling a key replaces its pending task, so each
 * member has at most one session deadline and each group one join or sync deadline. Because tasks, cancels
 * and reschedules all run on that single thread, a cancelled task can never run afterwards.
 */
final class GroupTimers {
    private final ScheduledExecutorService thread;
    private final Map<String, ScheduledFuture<?>> pending = new HashMap<>();

    GroupTimers(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    void schedule(String key, long delayMs, Runnable task) {
        cancel(key);
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        self[0] = thread.schedule(() -> {
            if (pending.get(key) == self[0]) {
                pending.remove(key);
                task.run();
            }
        }, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
        pending.put(key, self[0]);
    }

    void cancel(String key) {
        ScheduledFuture<?> f = pending.remove(key);
        if (f != null) {
            f.cancel(false);
        }
    }

    boolean isScheduled(String key) {
        return pending.containsKey(key);
    }

    static String heartbeatKey(String groupId, String memberId) {
        return "heartbeat|" + groupId + "|" + memberId;
    }

    static String pendingMemberKey(String groupId, String memberId) {
        return "pending|" + groupId + "|" + memberId;
    }

    static String joinKey(String groupId) {
        return "join|" + groupId;
    }

    static String syncKey(String groupId) {
        return "sync|" + groupId;
    }
}
