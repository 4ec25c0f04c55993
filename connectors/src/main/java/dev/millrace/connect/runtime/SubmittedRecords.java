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

    /** One source partition's records in send order, less the acknowledged prefix already folded into committable. */
    private static final class PartitionQueue {
        private final Deque<Submitted> inFlight = new ArrayDeque<>();
        private Map<String, ?> committable;

        /** Folds the acknowledged prefix into {@link #committable}: only its last offset can ever be stored. */
        void collapse() {
            while (!inFlight.isEmpty() && inFlight.peekFirst().acked) {
                committable = inFlight.pollFirst().offset;
            }
        }
    }

    private final Map<Map<String, ?>, PartitionQueue> pending = new HashMap<>();
    /** The partition of the previous submit: a task usually sends many records of one partition in a row. */
    private Map<String, ?> lastPartition;
    private PartitionQueue lastQueue;

    /**
     * Tracks a sent record. The acknowledged prefix is folded away here too, so between offset flushes (a minute by
     * default, a million records in a snapshot) only the records still in flight are held, not every one sent.
     */
    Submitted submit(Map<String, ?> partition, Map<String, ?> offset) {
        PartitionQueue queue = partition == lastPartition ? lastQueue : null;
        if (queue == null) {
            queue = pending.computeIfAbsent(partition, p -> new PartitionQueue());
            lastPartition = partition;
            lastQueue = queue;
        }
        queue.collapse();
        Submitted s = new Submitted(offset);
        queue.inFlight.addLast(s);
        return s;
    }

    /** Removes the acknowledged prefix of each partition; returns the last offset of each such prefix. */
    Map<Map<String, ?>, Map<String, ?>> drainCommittable() {
        Map<Map<String, ?>, Map<String, ?>> out = new LinkedHashMap<>();
        for (Map.Entry<Map<String, ?>, PartitionQueue> e : pending.entrySet()) {
            PartitionQueue queue = e.getValue();
            queue.collapse();
            if (queue.committable != null) {
                out.put(e.getKey(), queue.committable);
                queue.committable = null;
            }
        }
        pending.values().removeIf(q -> q.inFlight.isEmpty());
        lastPartition = null;
        lastQueue = null;
        return out;
    }

    /** Records sent and not yet acknowledged (or acknowledged behind one that is not). */
    int inFlightCount() {
        return pending.values().stream().mapToInt(q -> q.inFlight.size()).sum();
    }
}
