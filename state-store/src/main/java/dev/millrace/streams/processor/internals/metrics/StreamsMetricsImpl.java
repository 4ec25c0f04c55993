package dev.millrace.streams.processor.internals.metrics;

import dev.millrace.streams.StreamsMetrics;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.Sensor.RecordingLevel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Streams client's metrics registry: Kafka Streams' group names and tags ({@code client-id}, {@code thread-id},
 * {@code task-id}, {@code processor-node-id}, {@code <store type>-state-id}) over a kafka-clients {@link Metrics}, and
 * the {@link StreamsMetrics} face processors and stores get from their context.
 */
public class StreamsMetricsImpl implements StreamsMetrics {
    public static final String CLIENT_ID_TAG = "client-id";
    public static final String PROCESS_ID_TAG = "process-id";
    public static final String APPLICATION_ID_TAG = "application-id";
    public static final String THREAD_ID_TAG = "thread-id";
    public static final String TASK_ID_TAG = "task-id";
    public static final String PROCESSOR_NODE_ID_TAG = "processor-node-id";
    public static final String STORE_ID_TAG = "state-id";
    public static final String TOPIC_NAME_TAG = "topic";

    public static final String CLIENT_LEVEL_GROUP = "stream-metrics";
    public static final String THREAD_LEVEL_GROUP = "stream-thread-metrics";
    public static final String TASK_LEVEL_GROUP = "stream-task-metrics";
    public static final String PROCESSOR_NODE_LEVEL_GROUP = "stream-processor-node-metrics";
    public static final String STATE_STORE_LEVEL_GROUP = "stream-state-metrics";
    public static final String TOPIC_LEVEL_GROUP = "stream-topic-metrics";

    public static final String LATENCY_SUFFIX = "-latency";
    public static final String RECORD_E2E_LATENCY = "record-e2e-latency";
    private static final String E2E_DESCRIPTION_SUFFIX = "end-to-end latency of a record, measuring by comparing the "
            + "record timestamp with the system time when it has been fully processed by the node";
    public static final String RECORD_E2E_LATENCY_AVG_DESCRIPTION = "The average " + E2E_DESCRIPTION_SUFFIX;
    public static final String RECORD_E2E_LATENCY_MIN_DESCRIPTION = "The minimum " + E2E_DESCRIPTION_SUFFIX;
    public static final String RECORD_E2E_LATENCY_MAX_DESCRIPTION = "The maximum " + E2E_DESCRIPTION_SUFFIX;

    private final Metrics metrics;
    private final String clientId;
    private final String processId;

    public StreamsMetricsImpl(Metrics metrics, String clientId, String processId) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clientId = clientId;
        this.processId = processId;
    }

    public Metrics registry() {
        return metrics;
    }

    public String clientId() {
        return clientId;
    }

    public String processId() {
        return processId;
    }

    /** The client's {@code metrics.recording.level}. */
    public RecordingLevel recordingLevel() {
        return metrics.config().recordLevel();
    }

    public MetricsScope clientScope() {
        return new MetricsScope(metrics, CLIENT_LEVEL_GROUP, Map.of(CLIENT_ID_TAG, clientId));
    }

    /** Client-level metrics Kafka Streams also tags with the process id (and the application id). */
    public MetricsScope clientScope(Map<String, String> extraTags) {
        Map<String, String> tags = new LinkedHashMap<>(extraTags);
        tags.put(CLIENT_ID_TAG, clientId);
        return new MetricsScope(metrics, CLIENT_LEVEL_GROUP, tags);
    }

    public MetricsScope threadScope(String threadId) {
        return new MetricsScope(metrics, THREAD_LEVEL_GROUP, threadTags(threadId));
    }

    /** Thread-level metrics Kafka Streams also tags with e.g. the process id. */
    public MetricsScope threadScope(String threadId, Map<String, String> extraTags) {
        Map<String, String> tags = threadTags(threadId);
        tags.putAll(extraTags);
        return new MetricsScope(metrics, THREAD_LEVEL_GROUP, tags);
    }

    public MetricsScope taskScope(String threadId, String taskId) {
        return new MetricsScope(metrics, TASK_LEVEL_GROUP, taskTags(threadId, taskId));
    }

    public MetricsScope nodeScope(String threadId, String taskId, String nodeName) {
        Map<String, String> tags = taskTags(threadId, taskId);
        tags.put(PROCESSOR_NODE_ID_TAG, nodeName);
        return new MetricsScope(metrics, PROCESSOR_NODE_LEVEL_GROUP, tags);
    }

    /** What a source node consumed from, or a sink node produced to, one topic. */
    public MetricsScope topicScope(String threadId, String taskId, String nodeName, String topic) {
        Map<String, String> tags = taskTags(threadId, taskId);
        tags.put(PROCESSOR_NODE_ID_TAG, nodeName);
        tags.put(TOPIC_NAME_TAG, topic);
        return new MetricsScope(metrics, TOPIC_LEVEL_GROUP, tags);
    }

    /** A store's metrics: tagged {@code <storeType>-state-id}, the type being its supplier's metrics scope. */
    public MetricsScope storeScope(String threadId, String taskId, String storeType, String storeName) {
        Map<String, String> tags = taskTags(threadId, taskId);
        tags.put(storeType + "-" + STORE_ID_TAG, storeName);
        return new MetricsScope(metrics, STATE_STORE_LEVEL_GROUP, tags);
    }

    private static Map<String, String> threadTags(String threadId) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(THREAD_ID_TAG, threadId);
        return tags;
    }

    private static Map<String, String> taskTags(String threadId, String taskId) {
        Map<String, String> tags = threadTags(threadId);
        tags.put(TASK_ID_TAG, taskId);
        return tags;
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return Collections.unmodifiableMap(metrics.metrics());
    }

    @Override
    public Sensor addLatencyRateTotalSensor(String scopeName, String entityName, String operationName,
                                            RecordingLevel recordingLevel, String... tags) {
        MetricsScope scope = customScope(scopeName, entityName, tags);
        Sensor sensor = metrics.sensor(customSensorName(scope, operationName), recordingLevel);
        scope.addAvgAndMax(sensor, operationName + LATENCY_SUFFIX, "The average latency of " + operationName,
                "The maximum latency of " + operationName);
        addCustomRateAndTotal(scope, sensor, operationName);
        return sensor;
    }

    @Override
    public Sensor addRateTotalSensor(String scopeName, String entityName, String operationName,
                                     RecordingLevel recordingLevel, String... tags) {
        MetricsScope scope = customScope(scopeName, entityName, tags);
        Sensor sensor = metrics.sensor(customSensorName(scope, operationName), recordingLevel);
        addCustomRateAndTotal(scope, sensor, operationName);
        return sensor;
    }

    private static void addCustomRateAndTotal(MetricsScope scope, Sensor sensor, String operationName) {
        scope.addInvocationRateAndCount(sensor, operationName, "The average number of " + operationName
                + " operations per second", "The total number of " + operationName + " operations");
    }

    /** Group {@code stream-<scope>-metrics}, tags {@code thread-id} (the calling thread), {@code <scope>-id} and the rest. */
    private MetricsScope customScope(String scopeName, String entityName, String... tags) {
        Map<String, String> tagMap = threadTags(Thread.currentThread().getName());
        tagMap.put(scopeName + "-id", entityName);
        if (tags != null) {
            if (tags.length % 2 != 0) throw new IllegalArgumentException("Tags needs to be specified in key-value pairs");
            for (int i = 0; i < tags.length; i += 2) tagMap.put(tags[i], tags[i + 1]);
        }
        return new MetricsScope(metrics, "stream-" + scopeName + "-metrics", tagMap);
    }

    private static String customSensorName(MetricsScope scope, String operationName) {
        return "external." + scope.group() + "." + String.join(".", scope.tags().values()) + ".s." + operationName;
    }

    @Override
    public Sensor addSensor(String name, RecordingLevel recordingLevel) {
        return metrics.sensor(name, recordingLevel);
    }

    @Override
    public Sensor addSensor(String name, RecordingLevel recordingLevel, Sensor... parents) {
        return metrics.sensor(name, recordingLevel, parents);
    }

    @Override
    public void removeSensor(Sensor sensor) {
        Objects.requireNonNull(sensor, "Sensor is null");
        metrics.removeSensor(sensor.name());
    }
}
