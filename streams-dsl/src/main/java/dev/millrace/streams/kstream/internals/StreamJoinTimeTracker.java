package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.TaskId;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time both processors of one stream-stream join share within a task: the largest timestamp either side has seen
 * (the join's stream time), the smallest timestamp waiting in the outer-join store (so a scan is skipped while nothing
 * can have closed), and the wall-clock time before which no scan runs again. Kafka Streams throttles the scan to once
 * per {@value #EMIT_INTERVAL_CONFIG} (1 s by default) of wall-clock time; we do the same, so left/outer results
 * leave at the same points.
 */
final class StreamJoinTimeTracker {
    /** Kafka Streams' internal config for the scan interval; tests set it to emit on every record. */
    static final String EMIT_INTERVAL_CONFIG = "__emit.interval.ms.kstreams.outer.join.spurious.results.fix__";

    long emitIntervalMs = 1000L;
    long streamTime = -1L;
    long minTime = Long.MAX_VALUE;
    long nextTimeToEmit;

    void advanceStreamTime(long timestamp) {
        streamTime = Math.max(streamTime, timestamp);
    }

    void updateMinTime(long timestamp) {
        minTime = Math.min(minTime, timestamp);
    }

    /** One tracker per task, handed to both join processors of that task. */
    static final class PerTask {
        private final Map<TaskId, StreamJoinTimeTracker> trackers = new ConcurrentHashMap<>();

        StreamJoinTimeTracker get(TaskId taskId) {
            return trackers.computeIfAbsent(taskId, id -> new StreamJoinTimeTracker());
        }

        void remove(TaskId taskId) {
            trackers.remove(taskId);
        }
    }
}
