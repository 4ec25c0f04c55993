package dev.millrace.connect.runtime;

import java.util.List;
import java.util.Map;

/** A consistent snapshot of one connector: config, state, task configs and each task's state and progress. */
public record ConnectorView(String name, Map<String, String> config, State state, String trace,
                            List<Map<String, String>> taskConfigs, List<TaskView> tasks) {

    /** One task's state, failure trace (or null) and last reported progress (or null). */
    public record TaskView(int id, State state, String trace, Map<String, Object> progress) {
    }
}
