package dev.millrace.streams.processor.internals.metrics;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.Sensor.RecordingLevel;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Min;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.common.metrics.stats.WindowedCount;
import org.apache.kafka.common.metrics.stats.WindowedSum;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one entity (the client, a thread, a task, a processor node, a store) registered in one metric group with one
 * tag set: its sensors and its gauges. {@link #close()} removes them all, so a closed task or thread leaves nothing
 * behind in {@code metrics()} or JMX.
 *
 * <p>The stat helpers build Kafka Streams' metric families: {@code <op>-rate} is a windowed rate of invocations and
 * {@code <op>-total} a cumulative count, {@code -avg/-min/-max} windowed over {@code metrics.num.samples} samples of
 * {@code metrics.sample.window.ms}.
 */
public final class MetricsScope implements AutoCloseable {
    private final Metrics metrics;
    private final String group;
    private final Map<String, String> tags;
    private final String sensorPrefix;
    private final List<String> sensors = new ArrayList<>();
    private final List<MetricName> gauges = new ArrayList<>();

    MetricsScope(Metrics metrics, String group, Map<String, String> tags) {
        this.metrics = metrics;
        this.group = group;
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        // sensor names must be unique in the registry: the group and every tag value make them so
        this.sensorPrefix = group + "." + String.join(".", this.tags.values()) + ".s.";
    }

    public String group() {
        return group;
    }

    public Map<String, String> tags() {
        return tags;
    }

    /** The sensor {@code suffix} of this entity, made on first use. */
    public synchronized Sensor sensor(String suffix, RecordingLevel level, Sensor... parents) {
        String name = sensorPrefix + suffix;
        Sensor existing = metrics.getSensor(name);
        if (existing != null) return existing;
        sensors.add(name);
        return metrics.sensor(name, level, parents);
    }

    public MetricName metricName(String name, String description) {
        return metrics.metricName(name, group, description, tags);
    }

    /** A gauge read when reported: a constant or a live value. */
    public synchronized <T> void gauge(String name, String description, RecordingLevel level, Gauge<T> value) {
        MetricName metricName = metricName(name, description);
        if (metrics.metric(metricName) != null) return;
        metrics.addMetric(metricName, new MetricConfig().recordLevel(level), value);
        gauges.add(metricName);
    }

    /** {@code <op>-rate} (invocations per second) and {@code <op>-total} (invocations so far). */
    public void addInvocationRateAndCount(Sensor sensor, String operation, String rateDescription, String totalDescription) {
        addInvocationRate(sensor, operation, rateDescription);
        sensor.add(metricName(operation + "-total", totalDescription), new CumulativeCount());
    }

    /** {@code <op>-rate} alone, as store-level metrics have it. */
    public void addInvocationRate(Sensor sensor, String operation, String rateDescription) {
        sensor.add(metricName(operation + "-rate", rateDescription), new Rate(new WindowedCount()));
    }

    /** {@code <op>-rate} and {@code <op>-total} of the recorded values' sum (records per call, summed). */
    public void addRateOfSumAndSum(Sensor sensor, String operation, String rateDescription, String totalDescription) {
        sensor.add(metricName(operation + "-rate", rateDescription), new Rate(new WindowedSum()));
        sensor.add(metricName(operation + "-total", totalDescription), new CumulativeSum());
    }

    public void addAvgAndMax(Sensor sensor, String name, String avgDescription, String maxDescription) {
        sensor.add(metricName(name + "-avg", avgDescription), new Avg());
        sensor.add(metricName(name + "-max", maxDescription), new Max());
    }

    public void addAvgMinAndMax(Sensor sensor, String name, String avgDescription, String minDescription, String maxDescription) {
        addAvgAndMax(sensor, name, avgDescription, maxDescription);
        sensor.add(metricName(name + "-min", minDescription), new Min());
    }

    /** The last recorded value. */
    public void addValue(Sensor sensor, String name, String description) {
        sensor.add(metricName(name, description), new Value());
    }

    /** How many values were recorded. */
    public void addCount(Sensor sensor, String name, String description) {
        sensor.add(metricName(name, description), new CumulativeCount());
    }

    /** The sum of every recorded value. */
    public void addSum(Sensor sensor, String name, String description) {
        sensor.add(metricName(name, description), new CumulativeSum());
    }

    /** Removes this entity's sensors (with their metrics) and gauges. */
    @Override
    public synchronized void close() {
        for (String s : sensors) metrics.removeSensor(s);
        for (MetricName m : gauges) metrics.removeMetric(m);
        sensors.clear();
        gauges.clear();
    }
}
