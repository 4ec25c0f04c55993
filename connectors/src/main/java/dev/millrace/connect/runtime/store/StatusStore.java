package dev.millrace.connect.runtime.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connector and task statuses in {@code status.storage.topic}, as Kafka Connect writes them:
 * {@code status-connector-<name>} and {@code status-task-<name>-<id>} -> {@code {"state","trace","worker_id",
 * "generation"}}; null once the connector is deleted. Written without waiting: the worker's memory is the live view.
 */
public final class StatusStore {
    private static final Logger log = LoggerFactory.getLogger(StatusStore.class);

    private final InternalTopics topics;
    private final String topic;

    public StatusStore(InternalTopics topics, String topic) {
        this.topics = topics;
        this.topic = topic;
    }

    public void putConnector(String connector, String state, String trace, String workerId, int generation) {
        write("status-connector-" + connector, state, trace, workerId, generation);
    }

    public void putTask(String connector, int task, String state, String trace, String workerId, int generation) {
        write("status-task-" + connector + "-" + task, state, trace, workerId, generation);
    }

    public void removeConnector(String connector, int tasks) {
        send("status-connector-" + connector, null);
        for (int i = 0; i < tasks; i++) {
            send("status-task-" + connector + "-" + i, null);
        }
    }

    private void write(String key, String state, String trace, String workerId, int generation) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("state", state);
        value.put("trace", trace);
        value.put("worker_id", workerId);
        value.put("generation", generation);
        send(key, StoreJson.write(value));
    }

    private void send(String key, byte[] value) {
        topics.writeAsync(topic, key.getBytes(StandardCharsets.UTF_8), value,
                e -> log.warn("Could not write status {} to {}: {}", key, topic, e.getMessage()));
    }
}
