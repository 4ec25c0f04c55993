package dev.millrace.connect.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connector configs and target states in {@code config.storage.topic}, in Kafka Connect's records:
 * {@code connector-<name>} -> {@code {"properties":{...}}} (null when deleted), {@code target-state-<name>} ->
 * {@code {"state":"STARTED"|"PAUSED"}}, and each generation of task configs as {@code task-<name>-<n>} followed by
 * {@code commit-<name>} -> {@code {"tasks":n}}.
 */
public final class ConfigStore {
    /** What the topic says about one connector. */
    public record StoredConnector(Map<String, String> config, String targetState) {
    }

    private final InternalTopics topics;
    private final String topic;

    public ConfigStore(InternalTopics topics, String topic) {
        this.topics = topics;
        this.topic = topic;
    }

    /** The connectors the topic holds, in the order they were first created. */
    public Map<String, StoredConnector> load() {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        Map<String, String> states = new LinkedHashMap<>();
        topics.readToEnd(topic, record -> {
            if (record.key() == null) {
                return;
            }
            String key = new String(record.key(), StandardCharsets.UTF_8);
            JsonNode value = record.value() == null ? null : StoreJson.read(record.value());
            if (key.startsWith("connector-")) {
                String name = key.substring("connector-".length());
                if (value == null || !value.has("properties")) {
                    configs.remove(name);
                    states.remove(name);
                } else {
                    Map<String, String> props = new LinkedHashMap<>();
                    value.get("properties").properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));
                    configs.put(name, props);
                }
            } else if (key.startsWith("target-state-")) {
                String name = key.substring("target-state-".length());
                if (value == null) {
                    states.remove(name);
                } else if (value.has("state")) {
                    states.put(name, value.get("state").asText());
                }
            }
        });
        Map<String, StoredConnector> out = new LinkedHashMap<>();
        configs.forEach((name, config) -> out.put(name, new StoredConnector(config, states.getOrDefault(name, "STARTED"))));
        return out;
    }

    public void putConfig(String connector, Map<String, String> config) {
        topics.write(topic, key("connector-" + connector), StoreJson.write(Map.of("properties", config)));
    }

    public void putTargetState(String connector, String state) {
        topics.write(topic, key("target-state-" + connector),
                StoreJson.write(Map.of("state", state, "state.v2", state)));
    }

    public void putTaskConfigs(String connector, List<Map<String, String>> taskConfigs) {
        for (int i = 0; i < taskConfigs.size(); i++) {
            topics.write(topic, key("task-" + connector + "-" + i), StoreJson.write(Map.of("properties", taskConfigs.get(i))));
        }
        topics.write(topic, key("commit-" + connector), StoreJson.write(Map.of("tasks", taskConfigs.size())));
    }

    public void remove(String connector) {
        topics.write(topic, key("connector-" + connector), null);
        topics.write(topic, key("target-state-" + connector), null);
    }

    private static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
