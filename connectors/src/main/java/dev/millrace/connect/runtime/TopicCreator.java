package dev.millrace.connect.runtime;

import dev.millrace.connect.errors.ConnectException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates a connector's topics before its first record, as Kafka Connect does when the connector config has
 * {@code topic.creation.default.replication.factor} and {@code topic.creation.default.partitions} (other
 * {@code topic.creation.default.*} keys become topic configs). Without them, the broker's auto-creation applies.
 */
final class TopicCreator {
    private static final String PREFIX = "topic.creation.default.";

    private final Admin admin;
    private final boolean enabled;
    private final int partitions;
    private final short replicationFactor;
    private final Map<String, String> topicConfigs = new LinkedHashMap<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    TopicCreator(Admin admin, boolean workerAllows, Map<String, String> connectorConfig) {
        this.admin = admin;
        String rf = connectorConfig.get(PREFIX + "replication.factor");
        String parts = connectorConfig.get(PREFIX + "partitions");
        this.enabled = workerAllows && rf != null && parts != null;
        this.partitions = enabled ? Integer.parseInt(parts.trim()) : -1;
        this.replicationFactor = enabled ? Short.parseShort(rf.trim()) : -1;
        connectorConfig.forEach((k, v) -> {
            if (k.startsWith(PREFIX) && !k.equals(PREFIX + "replication.factor") && !k.equals(PREFIX + "partitions")) {
                topicConfigs.put(k.substring(PREFIX.length()), v);
            }
        });
    }

    void ensure(String topic) {
        if (!enabled || known.contains(topic)) {
            return;
        }
        NewTopic newTopic = new NewTopic(topic, Optional.of(partitions),
                replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor)).configs(topicConfigs);
        try {
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ConnectException("Could not create topic '" + topic + "': " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted creating topic '" + topic + "'", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ConnectException("Timed out creating topic '" + topic + "'", e);
        }
        known.add(topic);
    }
}
