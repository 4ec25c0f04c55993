package dev.millrace.streams.processor.internals.metrics;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.Sensor.RecordingLevel;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The {@code stream-task-metrics} of one active task (tagged {@code thread-id}, {@code task-id}) and the
 * {@code stream-processor-node-metrics} of its nodes (also tagged {@code processor-node-id}), at Kafka Streams'
 * levels: dropped-records and active-process-ratio at INFO; process rate/total and latency (nanoseconds per record),
 * punctuate, enforced-processing, record-lateness and active-buffer-count at DEBUG. Source nodes count what they
 * process (DEBUG, rolled up into the task's process rate/total); source and terminal nodes measure records' end-to-end
 * latency, wall clock minus record timestamp in milliseconds (INFO). The {@code stream-topic-metrics} (INFO, tagged
 * also {@code topic}) count the records and bytes each source node consumed and each sink node produced.
 *
 * <p>The test driver's tasks, which have no registry, use {@link #NONE}.
 */
public final class TaskMetrics implements AutoCloseable {
    public static final TaskMetrics NONE = new TaskMetrics();

    private final StreamsMetricsImpl registry;
    private final String threadId;
    private final String taskId;
    private final List<MetricsScope> scopes = new ArrayList<>();
    private final Sensor processLatency;
    private final Sensor punctuate;
    private final Sensor recordLateness;
    private final Sensor droppedRecords;
    private final Sensor activeProcessRatio;
    private final Sensor bufferCount;
    private final Sensor restore;
    private final Sensor restoreRemaining;
    private final Map<String, Sensor> sourceProcess = new HashMap<>();
    private final Map<String, Sensor> e2eLatency = new HashMap<>();
    private final Map<String, Sensor> consumedByTopic = new HashMap<>();
    private final Map<String, Map<String, Sensor>> producedByNode = new HashMap<>();

    private TaskMetrics() {
        registry = null;
        threadId = taskId = null;
        processLatency = punctuate = recordLateness = droppedRecords = activeProcessRatio = bufferCount = null;
        restore = restoreRemaining = null;
    }

    /** {@code sourceNodeByTopic}: the source node reading each input topic of the task. */
    public TaskMetrics(StreamsMetricsImpl registry, String threadId, String taskId, Map<String, String> sourceNodeByTopic,
                       Collection<String> terminalNodes) {
        this.registry = registry;
        this.threadId = threadId;
        this.taskId = taskId;
        MetricsScope task = registry.taskScope(threadId, taskId);
        scopes.add(task);
        Sensor process = task.sensor("process", RecordingLevel.DEBUG);
        task.addInvocationRateAndCount(process, "process", "The average number of calls to process per second",
                "The total number of calls to process");
        processLatency = task.sensor("process-latency", RecordingLevel.DEBUG);
        task.addAvgAndMax(processLatency, "process-latency", "The average latency of calls to process",
                "The maximum latency of calls to process");
        punctuate = task.sensor("punctuate", RecordingLevel.DEBUG);
        task.addInvocationRateAndCount(punctuate, "punctuate", "The average number of calls to punctuate per second",
                "The total number of calls to punctuate");
        task.addAvgAndMax(punctuate, "punctuate-latency", "The average latency of calls to punctuate",
                "The maximum latency of calls to punctuate");
        // registered as in Kafka Streams; never recorded: this runtime does not idle on empty input partitions
        // (no max.task.idle.ms), so nothing is ever processed "enforced" after such a wait
        Sensor enforced = task.sensor("enforced-processing", RecordingLevel.DEBUG);
        task.addInvocationRateAndCount(enforced, "enforced-processing",
                "The average number of occurrences of enforced-processing operations per second",
                "The total number of occurrences of enforced-processing operations");
        recordLateness = task.sensor("record-lateness", RecordingLevel.DEBUG);
        task.addAvgAndMax(recordLateness, "record-lateness", "The observed average lateness of records in milliseconds, "
                + "measured by comparing the record timestamp with the current stream time", "The observed maximum "
                + "lateness of records in milliseconds, measured by comparing the record timestamp with the current stream time");
        droppedRecords = task.sensor("dropped-records", RecordingLevel.INFO);
        task.addInvocationRateAndCount(droppedRecords, "dropped-records", "The average number of dropped records per second",
                "The total number of dropped records");
        activeProcessRatio = task.sensor("active-process-ratio", RecordingLevel.INFO);
        task.addValue(activeProcessRatio, "active-process-ratio",
                "The fraction of time the thread spent on processing this task among all assigned active tasks");
        bufferCount = task.sensor("active-buffer-count", RecordingLevel.DEBUG);
        task.addValue(bufferCount, "active-buffer-count",
                "The count of buffered records that are polled from consumer and not yet processed for this active task");

        Collection<String> sourceNodes = new LinkedHashSet<>(sourceNodeByTopic.values());
        // rate of restored batches, total of restored records, as Kafka Streams counts them
        restore = task.sensor("restore", RecordingLevel.DEBUG);
        task.addInvocationRate(restore, "restore", "The average number of records restored per second");
        task.addSum(restore, "restore-total", "The total number of records restored");
        restoreRemaining = task.sensor("restore-remaining-records-total", RecordingLevel.INFO);
        task.addSum(restoreRemaining, "restore-remaining-records-total", "The total number of records remaining to be restored");

        for (String node : sourceNodes) {
            MetricsScope scope = nodeScope(registry, threadId, taskId, node);
            Sensor s = scope.sensor("process", RecordingLevel.DEBUG, process);
            scope.addInvocationRateAndCount(s, "process", "The average number of calls to process per second",
                    "The total number of calls to process");
            sourceProcess.put(node, s);
        }
        for (Map.Entry<String, String> e : sourceNodeByTopic.entrySet()) {
            consumedByTopic.put(e.getKey(), topicSensor(e.getValue(), e.getKey(), "consumed", "from"));
        }
        List<String> e2eNodes = new ArrayList<>(sourceNodes);
        e2eNodes.addAll(terminalNodes);
        for (String node : e2eNodes) {
            MetricsScope scope = nodeScope(registry, threadId, taskId, node);
            Sensor s = scope.sensor(StreamsMetricsImpl.RECORD_E2E_LATENCY, RecordingLevel.INFO);
            scope.addAvgMinAndMax(s, StreamsMetricsImpl.RECORD_E2E_LATENCY, StreamsMetricsImpl.RECORD_E2E_LATENCY_AVG_DESCRIPTION,
                    StreamsMetricsImpl.RECORD_E2E_LATENCY_MIN_DESCRIPTION, StreamsMetricsImpl.RECORD_E2E_LATENCY_MAX_DESCRIPTION);
            e2eLatency.put(node, s);
        }
    }

    private Sensor topicSensor(String node, String topic, String operation, String direction) {
        MetricsScope scope = registry.topicScope(threadId, taskId, node, topic);
        scopes.add(scope);
        Sensor s = scope.sensor(operation, RecordingLevel.INFO);
        scope.addCount(s, "records-" + operation + "-total", "The total number of records " + operation + " " + direction + " this topic");
        scope.addSum(s, "bytes-" + operation + "-total", "The total number of bytes " + operation + " " + direction + " this topic");
        return s;
    }

    /** A record of {@code topic} taken from its partition queue; sizes as Kafka Streams counts them (null key: -1). */
    public void consumed(String topic, byte[] key, byte[] value, Headers headers) {
        Sensor s = consumedByTopic.get(topic);
        if (s != null && s.shouldRecord()) {
            s.record(recordSizeInBytes(key == null ? -1 : key.length, value == null ? -1 : value.length, topic, headers));
        }
    }

    /** Registers the produced-records metrics of a sink node's static topic, before its first record. */
    public void registerProduced(String node, String topic) {
        if (registry != null) producedByNode.computeIfAbsent(node, n -> new HashMap<>()).computeIfAbsent(topic, t -> topicSensor(node, t, "produced", "to"));
    }

    /** A record a sink node sent to {@code topic}. */
    public void produced(String node, String topic, byte[] key, byte[] value, Headers headers) {
        if (registry == null) return;
        Sensor s = producedByNode.computeIfAbsent(node, n -> new HashMap<>())
                .computeIfAbsent(topic, t -> topicSensor(node, t, "produced", "to"));
        if (s.shouldRecord()) s.record(recordSizeInBytes(key == null ? 0 : key.length, value == null ? 0 : value.length, topic, headers));
    }

    /** Key, value, timestamp, offset, topic name, partition and headers, as Kafka Streams sizes a record. */
    static long recordSizeInBytes(long keyBytes, long valueBytes, String topic, Headers headers) {
        long headerBytes = 0;
        if (headers != null) {
            for (Header h : headers) {
                headerBytes += Utils.utf8(h.key()).length;
                if (h.value() != null) headerBytes += h.value().length;
            }
        }
        return keyBytes + valueBytes + 8L + 8L + Utils.utf8(topic).length + 4L + headerBytes;
    }

    private MetricsScope nodeScope(StreamsMetricsImpl registry, String threadId, String taskId, String node) {
        for (MetricsScope s : scopes) {
            if (node.equals(s.tags().get(StreamsMetricsImpl.PROCESSOR_NODE_ID_TAG))) return s;
        }
        MetricsScope scope = registry.nodeScope(threadId, taskId, node);
        scopes.add(scope);
        return scope;
    }

    /** The client's registry; null for {@link #NONE}. */
    public StreamsMetricsImpl registry() {
        return registry;
    }

    /** A windowed aggregation node's emit-final metrics (DEBUG), registered as Kafka Streams registers them. */
    public void registerEmitFinalMetrics(String node) {
        if (registry == null) return;
        MetricsScope scope = nodeScope(registry, threadId, taskId, node);
        Sensor emitted = scope.sensor("window-aggregate-final-emit", RecordingLevel.DEBUG);
        scope.addRateOfSumAndSum(emitted, "window-aggregate-final-emit", "The average number of emit final records per second",
                "The total number of emit final records");
        Sensor latency = scope.sensor("window-aggregate-final-emit-latency", RecordingLevel.DEBUG);
        scope.addAvgAndMax(latency, "window-aggregate-final-emit-latency",
                "The average latency of calls to emit final in milliseconds", "The maximum latency of calls to emit final in milliseconds");
    }

    /** Whether per-record process latency is recorded: callers read the clock only then. */
    public boolean recordsProcessLatency() {
        return processLatency != null && processLatency.shouldRecord();
    }

    public void processLatency(long latencyNs) {
        processLatency.record(latencyNs);
    }

    /**
     * A record enters at source {@code node}: counts it and measures its lateness against the task's stream time
     * before it (0 when not late) and its end-to-end latency so far.
     */
    public void sourceRecord(String node, long timestamp, long streamTimeBefore) {
        if (processLatency == null) return;
        Sensor count = sourceProcess.get(node);
        if (count != null) count.record();
        if (recordLateness.shouldRecord()) recordLateness.record(Math.max(0L, streamTimeBefore - timestamp));
        e2eLatency(node, timestamp);
    }

    /** A record was fully processed by a node with no children (a sink or a terminal processor). */
    public void terminalRecord(String node, long timestamp) {
        if (processLatency != null) e2eLatency(node, timestamp);
    }

    private void e2eLatency(String node, long timestamp) {
        Sensor s = e2eLatency.get(node);
        if (s != null && s.shouldRecord()) {
            long now = System.currentTimeMillis();
            s.record(now - timestamp, now);
        }
    }

    public boolean recordsPunctuate() {
        return punctuate != null && punctuate.shouldRecord();
    }

    public void punctuated(long latencyNs) {
        punctuate.record(latencyNs);
    }

    /** A store of the task starts restoring {@code records} changelog records. */
    public void restoreStarted(long records) {
        if (restoreRemaining != null) restoreRemaining.record(records);
    }

    public void restored(long records) {
        if (restore == null) return;
        restore.record(records);
        restoreRemaining.record(-records);
    }

    public void droppedRecord() {
        if (droppedRecords != null) droppedRecords.record();
    }

    /** After a process pass of the thread: this task's share of its processing time, and what stays buffered. */
    public void processPass(double processRatio, int buffered, long nowMs) {
        if (activeProcessRatio == null) return;
        activeProcessRatio.record(processRatio, nowMs);
        if (bufferCount.shouldRecord()) bufferCount.record(buffered, nowMs);
    }

    /** Removes the task's and its nodes' metrics; when the task closes. */
    @Override
    public void close() {
        for (MetricsScope s : scopes) s.close();
        scopes.clear();
    }
}
