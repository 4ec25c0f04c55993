package dev.millrace.streams.processor.internals.metrics;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Makes a Streams client's metrics registry from its configuration as Kafka Streams does: {@code metrics.num.samples}
 * (2), {@code metrics.sample.window.ms} (30000), {@code metrics.recording.level} (INFO, DEBUG or TRACE) and
 * {@code metric.reporters} (Kafka's JMX reporter by default), with JMX names under the {@code kafka.streams} domain and
 * {@code metrics.context.*} as the reporters' context labels.
 */
public final class StreamsMetricsRegistry {
    public static final String JMX_PREFIX = "kafka.streams";
    public static final String METRICS_NUM_SAMPLES_CONFIG = CommonClientConfigs.METRICS_NUM_SAMPLES_CONFIG;
    public static final String METRICS_SAMPLE_WINDOW_MS_CONFIG = CommonClientConfigs.METRICS_SAMPLE_WINDOW_MS_CONFIG;
    public static final String METRICS_RECORDING_LEVEL_CONFIG = CommonClientConfigs.METRICS_RECORDING_LEVEL_CONFIG;
    public static final String METRIC_REPORTER_CLASSES_CONFIG = CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG;

    private StreamsMetricsRegistry() {
    }

    /** The registry of client {@code clientId}, configured from the application's {@code configs}. */
    public static Metrics create(Map<String, Object> configs, String clientId) {
        MetricConfig config = new MetricConfig()
                .samples(intConfig(configs, METRICS_NUM_SAMPLES_CONFIG, 2))
                .timeWindow(longConfig(configs, METRICS_SAMPLE_WINDOW_MS_CONFIG, 30_000L), TimeUnit.MILLISECONDS)
                .recordLevel(recordingLevel(configs));
        Map<String, Object> labels = new HashMap<>();
        for (Map.Entry<String, Object> e : configs.entrySet()) {
            if (e.getKey().startsWith(CommonClientConfigs.METRICS_CONTEXT_PREFIX)) {
                labels.put(e.getKey().substring(CommonClientConfigs.METRICS_CONTEXT_PREFIX.length()), e.getValue());
            }
        }
        return new Metrics(config, reporters(configs, clientId), Time.SYSTEM, new KafkaMetricsContext(JMX_PREFIX, labels));
    }

    /** {@code metrics.recording.level}, checked as Kafka's config checks it. */
    public static Sensor.RecordingLevel recordingLevel(Map<String, Object> configs) {
        Object v = configs.get(METRICS_RECORDING_LEVEL_CONFIG);
        if (v == null) return Sensor.RecordingLevel.INFO;
        String level = v.toString().trim();
        for (Sensor.RecordingLevel l : Sensor.RecordingLevel.values()) {
            if (l.name().equals(level.toUpperCase(Locale.ROOT))) return l;
        }
        throw new ConfigException(METRICS_RECORDING_LEVEL_CONFIG, v, "String must be one of: INFO, DEBUG, TRACE");
    }

    private static List<MetricsReporter> reporters(Map<String, Object> configs, String clientId) {
        Object setting = configs.getOrDefault(METRIC_REPORTER_CLASSES_CONFIG, JmxReporter.class.getName());
        List<String> classes = new ArrayList<>();
        if (setting instanceof List<?> list) {
            for (Object o : list) classes.add(o instanceof Class<?> c ? c.getName() : o.toString().trim());
        } else if (setting instanceof Class<?> c) {
            classes.add(c.getName());
        } else {
            for (String s : setting.toString().split(",")) if (!s.isBlank()) classes.add(s.trim());
        }
        Map<String, Object> reporterConfigs = new HashMap<>(configs);
        reporterConfigs.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        List<MetricsReporter> out = new ArrayList<>();
        for (String cls : classes) {
            try {
                MetricsReporter r = Utils.newInstance(cls, MetricsReporter.class);
                r.configure(reporterConfigs);
                out.add(r);
            } catch (ClassNotFoundException e) {
                throw new ConfigException(METRIC_REPORTER_CLASSES_CONFIG, cls, "Class " + cls + " cannot be found");
            }
        }
        return out;
    }

    private static int intConfig(Map<String, Object> configs, String key, int dflt) {
        Object v = configs.get(key);
        return v == null ? dflt : Integer.parseInt(v.toString().trim());
    }

    private static long longConfig(Map<String, Object> configs, String key, long dflt) {
        Object v = configs.get(key);
        return v == null ? dflt : Long.parseLong(v.toString().trim());
    }
}
