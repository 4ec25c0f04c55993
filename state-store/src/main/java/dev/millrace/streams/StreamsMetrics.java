package dev.millrace.streams;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;

import java.util.Map;

/**
 * The metrics of a Streams client as processors and stores see them, as Kafka Streams' {@code StreamsMetrics}: every
 * metric registered so far, and sensors an application adds for its own measurements.
 */
public interface StreamsMetrics {
    /** Every metric of the client: stream, thread, task, node and store level (not the embedded clients'). */
    Map<MetricName, ? extends Metric> metrics();

    /**
     * A sensor of the current thread with {@code <operation>-latency-avg/max}, {@code <operation>-rate} and
     * {@code <operation>-total} in group {@code stream-<scopeName>-metrics}, tagged {@code thread-id},
     * {@code <scopeName>-id=<entityName>} and the given {@code tags} (key, value pairs).
     */
    Sensor addLatencyRateTotalSensor(String scopeName, String entityName, String operationName,
                                     Sensor.RecordingLevel recordingLevel, String... tags);

    /** As {@link #addLatencyRateTotalSensor} with {@code <operation>-rate} and {@code <operation>-total} only. */
    Sensor addRateTotalSensor(String scopeName, String entityName, String operationName,
                              Sensor.RecordingLevel recordingLevel, String... tags);

    /** A sensor of the client's registry with no metrics yet; the caller adds its own. */
    Sensor addSensor(String name, Sensor.RecordingLevel recordingLevel);

    Sensor addSensor(String name, Sensor.RecordingLevel recordingLevel, Sensor... parents);

    /** Removes the sensor and its metrics. */
    void removeSensor(Sensor sensor);
}
