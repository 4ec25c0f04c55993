package dev.millrace.connect.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The source offsets of records sent but not yet committed, per source partition in send order. An offset becomes
 * committable only when its record and every earlier record of the same source partition were acknowledged, so a
 * stored offset never skips a record the broker does not have. Used by one task thread; acks arrive on the
 * producer's thread and only flip a volatile flag.
 */
final class SubmittedRecords {

    /** One sent record; {@link #ack()} is called from the producer's callback. */
    static final class Submitted {
        private final Map<String, ?> offset;
        private volatile boolean acked;

        private Submitted(Map<String, ?> offset) {
            this.offset = offset;
        }

        void ack() {
            acked = true;
        }
    }

    private final Map<Map<String, ?>, Deque<Submitted>> pending = new HashMap<>();

    Submitted submit(Map<String, ?> partition, Map<String, ?> offset) {
        Submitted s = new Submitted(offset);
        pending.computeIfAbsent(partition, p -> new ArrayDeque<>()).addLast(s);
        return s;
    }

    /** Removes the acknowledged prefix of each partition; returns the last offset of each such prefix. */
    Map<Map<String, ?>, Map<String, ?>> drainCommittable() {
        Map<Map<String, ?>, Map<String, ?>> out = new LinkedHashMap<>();
        for (Map.Entry<Map<String, ?>, Deque<Submitted>> e : pending.entrySet()) {
            Deque<Submitted> queue = e.getValue();
            Submitted last = null;
            while (!queue.isEmpty() && queue.peekFirst().acked) {
                last = queue.pollFirst();
            }
            if (last != null) {
                out.put(e.getKey(), last.offset);
            }
        }
        pending.values().removeIf(Deque::isEmpty);
        return out;
    }

    int pendingCount() {
        return pending.values().stream().mapToInt(Deque::size).sum();
    }
}
