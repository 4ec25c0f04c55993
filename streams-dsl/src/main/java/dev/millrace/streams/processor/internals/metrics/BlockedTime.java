package dev.millrace.streams.processor.internals.metrics;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.Map;
import java.util.Set;

/**
 * A stream thread's time blocked on Kafka, as Kafka Streams' {@code blocked-time-ns-total} adds it up from the
 * thread's own clients: the consumer's network wait and synchronous commits and offset lookups, the producer's waits
 * for buffer memory and flushes.
 */
public final class BlockedTime {
    private static final Set<String> CONSUMER = Set.of("io-wait-time-ns-total", "committed-time-ns-total", "commit-sync-time-ns-total");
    private static final Set<String> PRODUCER = Set.of("bufferpool-wait-time-ns-total", "flush-time-ns-total");

    private BlockedTime() {
    }

    public static long totalNs(Map<MetricName, ? extends Metric> consumerMetrics, Map<MetricName, ? extends Metric> producerMetrics) {
        return sum(consumerMetrics, "consumer-metrics", CONSUMER) + sum(producerMetrics, "producer-metrics", PRODUCER);
    }

    private static long sum(Map<MetricName, ? extends Metric> metrics, String group, Set<String> names) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName n = e.getKey();
            if (n.group().equals(group) && names.contains(n.name()) && e.getValue().metricValue() instanceof Number v) {
                total += v.doubleValue();
            }
        }
        return (long) total;
    }
}
