package dev.millrace.streams.processor.internals.metrics;

import dev.millrace.streams.processor.internals.StreamThreadState;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.Sensor.RecordingLevel;

import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@code stream-thread-metrics} of one stream thread, tagged {@code thread-id}, all at INFO as in Kafka Streams:
 * poll, process, punctuate and commit (rate, total, latency avg/max in milliseconds per call or per record), records
 * per poll and per process pass, tasks created and closed, the share of each iteration spent in each phase, the
 * thread's start time, its lifecycle state and the time it spent blocked in its clients.
 */
public final class ThreadMetrics implements AutoCloseable {
    private static final String RATIO_PREFIX = "The ratio, over a rolling measurement window, of the time this thread spent ";

    private final MetricsScope scope;
    private final MetricsScope telemetryScope;
    private final Sensor poll;
    private final Sensor pollRecords;
    private final Sensor processLatency;
    private final Sensor processRecords;
    private final Sensor processRate;
    private final Sensor punctuate;
    private final Sensor commit;
    private final Sensor taskCreated;
    private final Sensor taskClosed;
    private final Sensor pollRatio;
    private final Sensor processRatio;
    private final Sensor punctuateRatio;
    private final Sensor commitRatio;

    /**
     * {@code blockedTimeNs}: the time the thread's consumer and producer spent blocked, as Kafka Streams sums it;
     * {@code state}: where the thread is in its lifecycle.
     */
    public ThreadMetrics(StreamsMetricsImpl registry, String threadId, long startTimeMs, LongSupplier blockedTimeNs,
                         Supplier<StreamThreadState> state) {
        scope = registry.threadScope(threadId);
        scope.gauge("state", "The current state of the thread", RecordingLevel.INFO, (c, now) -> state.get().name());
        telemetryScope = registry.threadScope(threadId, Map.of(StreamsMetricsImpl.PROCESS_ID_TAG, registry.processId()));
        telemetryScope.gauge("thread-state", "The current state of the thread", RecordingLevel.INFO,
                (c, now) -> state.get().ordinal());
        poll = latencySensor("poll");
        pollRecords = scope.sensor("poll-records", RecordingLevel.INFO);
        scope.addAvgAndMax(pollRecords, "poll-records", "The average number of records polled from consumer within an iteration",
                "The maximum number of records polled from consumer within an iteration");
        processLatency = scope.sensor("process-latency", RecordingLevel.INFO);
        scope.addAvgAndMax(processLatency, "process-latency", "The average process latency", "The maximum process latency");
        processRecords = scope.sensor("process-records", RecordingLevel.INFO);
        scope.addAvgAndMax(processRecords, "process-records", "The average number of records processed within an iteration",
                "The maximum number of records processed within an iteration");
        processRate = scope.sensor("process-rate", RecordingLevel.INFO);
        scope.addRateOfSumAndSum(processRate, "process", "The average per-second number of calls to process",
                "The total number of calls to process");
        punctuate = latencySensor("punctuate");
        commit = latencySensor("commit");
        taskCreated = scope.sensor("task-created", RecordingLevel.INFO);
        scope.addInvocationRateAndCount(taskCreated, "task-created", "The average per-second number of newly created tasks",
                "The total number of newly created tasks");
        taskClosed = scope.sensor("task-closed", RecordingLevel.INFO);
        scope.addInvocationRateAndCount(taskClosed, "task-closed", "The average per-second number of closed tasks",
                "The total number of closed tasks");
        processRatio = ratioSensor("process", "processing active tasks");
        punctuateRatio = ratioSensor("punctuate", "punctuating active tasks");
        pollRatio = ratioSensor("poll", "polling records from the consumer");
        commitRatio = ratioSensor("commit", "committing all tasks");
        scope.gauge("thread-start-time", "The time that the thread was started", RecordingLevel.INFO, (c, now) -> startTimeMs);
        scope.gauge("blocked-time-ns-total", "The total time the thread spent blocked on kafka in nanoseconds",
                RecordingLevel.INFO, (c, now) -> (double) blockedTimeNs.getAsLong());
    }

    private Sensor latencySensor(String operation) {
        Sensor s = scope.sensor(operation, RecordingLevel.INFO);
        scope.addInvocationRateAndCount(s, operation, "The average per-second number of calls to " + operation,
                "The total number of calls to " + operation);
        scope.addAvgAndMax(s, operation + StreamsMetricsImpl.LATENCY_SUFFIX, "The average " + operation + " latency",
                "The maximum " + operation + " latency");
        return s;
    }

    private Sensor ratioSensor(String operation, String activity) {
        Sensor s = scope.sensor(operation + "-ratio", RecordingLevel.INFO);
        scope.addValue(s, operation + "-ratio", RATIO_PREFIX + activity + " to the total elapsed time in that window.");
        return s;
    }

    public void polled(double latencyMs, int records, long nowMs) {
        poll.record(latencyMs, nowMs);
        pollRecords.record(records, nowMs);
    }

    /** One process pass over the tasks: {@code records} processed in {@code latencyMs}; nothing when none. */
    public void processed(double latencyMs, int records, long nowMs) {
        if (records <= 0) return;
        processLatency.record(latencyMs / records, nowMs);
        processRecords.record(records, nowMs);
        processRate.record(records, nowMs);
    }

    public void punctuated(double latencyMs, int punctuations, long nowMs) {
        if (punctuations > 0) punctuate.record(latencyMs / punctuations, nowMs);
    }

    public void committed(double latencyMs, int tasks, long nowMs) {
        if (tasks > 0) commit.record(latencyMs / tasks, nowMs);
    }

    /** The share of one iteration's wall time each phase took. */
    public void iterationRatios(double pollMs, double processMs, double punctuateMs, double commitMs, double iterationMs, long nowMs) {
        if (iterationMs <= 0) return;
        double total = iterationMs;
        pollRatio.record(pollMs / total, nowMs);
        processRatio.record(processMs / total, nowMs);
        punctuateRatio.record(punctuateMs / total, nowMs);
        commitRatio.record(commitMs / total, nowMs);
    }

    public void taskCreated() {
        taskCreated.record();
    }

    public void taskClosed() {
        taskClosed.record();
    }

    @Override
    public void close() {
        scope.close();
        telemetryScope.close();
    }
}
