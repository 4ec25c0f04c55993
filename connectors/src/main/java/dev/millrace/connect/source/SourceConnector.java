package dev.millrace.connect.source;

import java.util.List;
import java.util.Map;

/**
 * A source connector plugin: validates and holds a connector config and splits the work into task configs. Found by
 * {@link java.util.ServiceLoader} on this class; {@code connector.class} names it by full name, simple name or one of
 * its {@link #aliases()}.
 */
public abstract class SourceConnector {

    public abstract String version();

    /** Starts the connector with its config; throwing {@code ConnectException} fails it. */
    public abstract void start(Map<String, String> props);

    public abstract Class<? extends SourceTask> taskClass();

    /** Up to {@code maxTasks} task configs, one per task to run. */
    public abstract List<Map<String, String>> taskConfigs(int maxTasks);

    public abstract void stop();

    /** Problems with {@code props}, each naming the config key at fault; empty when the config is fine. */
    public abstract List<String> validate(Map<String, String> props);

    /** Other names {@code connector.class} may use for this connector (e.g. the class name of the tool it replaces). */
    public List<String> aliases() {
        return List.of();
    }
}
