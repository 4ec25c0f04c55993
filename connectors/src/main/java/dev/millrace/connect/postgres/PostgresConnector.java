package dev.millrace.connect.postgres;

import dev.millrace.connect.errors.ConnectException;
import dev.millrace.connect.source.SourceConnector;
import dev.millrace.connect.source.SourceTask;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL change-data-capture through logical replication (pgoutput), with Debezium's configuration keys and
 * event envelope. Answers to Debezium's class name too, so a Debezium connector config works unchanged. One task.
 */
public class PostgresConnector extends SourceConnector {
    static final String VERSION = "0.1.0";

    private Map<String, String> props;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        List<String> problems = Preflight.check(new PostgresConnectorConfig(props), -1);
        if (!problems.isEmpty()) {
            throw new ConnectException(String.join("\n", problems));
        }
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends SourceTask> taskClass() {
        return PostgresConnectorTask.class;
    }

    /** One task: a replication slot has a single consumer. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    /**
     * Configuration problems and, when the configuration is complete, the server checks; nothing is created. Whether
     * the slot is in use is checked by the task: while a config is updated, the slot's holder may be this
     * connector's own task.
     */
    @Override
    public List<String> validate(Map<String, String> props) {
        return Preflight.check(new PostgresConnectorConfig(props), -1);
    }

    @Override
    public List<String> aliases() {
        return List.of("io.debezium.connector.postgresql.PostgresConnector", "PostgresConnector");
    }
}
