package dev.millrace.connect.runtime.rest;

import dev.millrace.connect.runtime.ConnectorPlugins;
import dev.millrace.connect.runtime.ConnectorView;
import dev.millrace.connect.runtime.store.OffsetStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kafka Connect's REST response shapes, built from {@link ConnectorView}s. */
final class ConnectorJson {
    private ConnectorJson() {
    }

    /** {@code {"name","config","tasks":[{"connector","task"}],"type":"source"}} */
    static Map<String, Object> info(ConnectorView view) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", view.name());
        out.put("config", view.config());
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (int i = 0; i < view.taskConfigs().size(); i++) {
            tasks.add(taskId(view.name(), i));
        }
        out.put("tasks", tasks);
        out.put("type", "source");
        return out;
    }

    /** {@code [{"id":{"connector","task"},"config":{...}}]} */
    static List<Map<String, Object>> tasks(ConnectorView view) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < view.taskConfigs().size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", taskId(view.name(), i));
            entry.put("config", view.taskConfigs().get(i));
            out.add(entry);
        }
        return out;
    }

    /** Connect's status, plus each task's {@code progress} when it reported one. */
    static Map<String, Object> status(ConnectorView view, String workerId) {
        Map<String, Object> connector = new LinkedHashMap<>();
        connector.put("state", view.state().name());
        connector.put("worker_id", workerId);
        if (view.trace() != null) {
            connector.put("trace", view.trace());
        }
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (ConnectorView.TaskView t : view.tasks()) {
            tasks.add(taskStatus(t, workerId));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", view.name());
        out.put("connector", connector);
        out.put("tasks", tasks);
        out.put("type", "source");
        return out;
    }

    static Map<String, Object> taskStatus(ConnectorView.TaskView t, String workerId) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", t.id());
        task.put("state", t.state().name());
        task.put("worker_id", workerId);
        if (t.trace() != null) {
            task.put("trace", t.trace());
        }
        if (t.progress() != null) {
            task.put("progress", t.progress());
        }
        return task;
    }

    /** {@code {"offsets":[{"partition":{...},"offset":{...}}]}}, as Connect's offsets endpoint (KIP-875). */
    static Map<String, Object> offsets(List<OffsetStore.StoredOffset> stored) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (OffsetStore.StoredOffset o : stored) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("partition", o.partition());
            entry.put("offset", o.offset());
            entries.add(entry);
        }
        return Map.of("offsets", entries);
    }

    /** {@code [{"class","type":"source","version"}]} */
    static List<Map<String, Object>> plugins(ConnectorPlugins plugins) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConnectorPlugins.Plugin p : plugins.all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("class", p.type().getName());
            entry.put("type", "source");
            entry.put("version", p.version());
            out.add(entry);
        }
        return out;
    }

    private static Map<String, Object> taskId(String connector, int task) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("connector", connector);
        id.put("task", task);
        return id;
    }
}
