package dev.millrace.connect.runtime;

import dev.millrace.connect.errors.ConnectException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a connector name and config before anything is stored, as Kafka Connect does: 400 with the key at fault
 * for a missing or unknown {@code connector.class}, a bad {@code tasks.max} or converter, a {@code name} that
 * differs from the URL's, and every problem the connector's own {@code validate} reports.
 */
final class ConnectorConfigValidator {
    private final ConnectorPlugins plugins;

    ConnectorConfigValidator(ConnectorPlugins plugins) {
        this.plugins = plugins;
    }

    void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new RequestException(400, "Connector name must not be empty");
        }
        if (name.contains("/")) {
            throw new RequestException(400, "Connector name must not contain '/': " + name);
        }
    }

    /** The config with {@code name} set, checked as Kafka Connect does before anything is stored. */
    Map<String, String> validated(String name, Map<String, String> config) {
        if (config == null) {
            throw new RequestException(400, "Connector config must not be empty");
        }
        Map<String, String> full = new LinkedHashMap<>(config);
        String configured = full.get("name");
        if (configured != null && !configured.equals(name)) {
            throw new RequestException(400, "Connector name configuration (" + configured
                    + ") doesn't match connector name in the URL (" + name + ")");
        }
        full.put("name", name);
        String connectorClass = full.get("connector.class");
        if (connectorClass == null || connectorClass.isBlank()) {
            throw new RequestException(400, "Missing required configuration \"connector.class\" which has no default value.");
        }
        ConnectorPlugins.Plugin plugin = plugins.find(connectorClass).orElseThrow(() -> new RequestException(400,
                "Invalid value " + connectorClass + " for configuration connector.class: no connector plugin answers"
                        + " to that name; available: " + plugins.all().stream().map(p -> p.type().getName())
                        .collect(Collectors.joining(", "))));
        List<String> problems = new ArrayList<>();
        String tasksMax = full.getOrDefault("tasks.max", "1");
        try {
            if (Integer.parseInt(tasksMax.trim()) < 1) {
                problems.add("Invalid value " + tasksMax + " for configuration tasks.max: Value must be at least 1");
            }
        } catch (NumberFormatException e) {
            problems.add("Invalid value " + tasksMax + " for configuration tasks.max: Not a number of type INT");
        }
        for (String key : List.of("key.converter", "value.converter")) {
            if (full.containsKey(key)) {
                try {
                    Converters.create(full.get(key), Map.of(), key.startsWith("key"), key);
                } catch (ConnectException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        try {
            problems.addAll(plugin.newInstance().validate(full));
        } catch (RuntimeException e) {
            // a connector whose validation itself breaks still gets a 400 saying why, not a 500
            problems.add(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new RequestException(400, "Connector configuration is invalid and contains the following "
                    + problems.size() + " error(s):\n" + String.join("\n", problems));
        }
        return full;
    }
}
