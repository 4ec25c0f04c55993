package dev.millrace.connect.file;

import dev.millrace.connect.errors.ConnectException;
import dev.millrace.connect.runtime.ConnectRuntime;
import dev.millrace.connect.source.SourceConnector;
import dev.millrace.connect.source.SourceTask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams the lines of one file into one topic. Config: {@code file} (absent: standard input), {@code topic}
 * (required, one topic), {@code batch.size} (lines per poll, default 2000). Always one task.
 */
public final class FileStreamSourceConnector extends SourceConnector {
    public static final String FILE = "file";
    public static final String TOPIC = "topic";
    public static final String BATCH_SIZE = "batch.size";
    static final int DEFAULT_BATCH_SIZE = 2000;

    private Map<String, String> props;

    @Override
    public String version() {
        return ConnectRuntime.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        List<String> problems = validate(props);
        if (!problems.isEmpty()) {
            throw new ConnectException(String.join("; ", problems));
        }
        this.props = new HashMap<>(props);
    }

    @Override
    public Class<? extends SourceTask> taskClass() {
        return FileStreamSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        Map<String, String> config = new HashMap<>();
        if (props.get(FILE) != null) {
            config.put(FILE, props.get(FILE));
        }
        config.put(TOPIC, props.get(TOPIC).trim());
        config.put(BATCH_SIZE, props.getOrDefault(BATCH_SIZE, Integer.toString(DEFAULT_BATCH_SIZE)).trim());
        return List.of(config);
    }

    @Override
    public void stop() {
    }

    @Override
    public List<String> validate(Map<String, String> props) {
        List<String> problems = new ArrayList<>();
        String topic = props.get(TOPIC);
        if (topic == null || topic.isBlank()) {
            problems.add("Missing required configuration \"topic\" which has no default value.");
        } else if (topic.contains(",")) {
            problems.add("Invalid value " + topic + " for configuration topic: only a single topic is allowed");
        }
        String batch = props.get(BATCH_SIZE);
        if (batch != null) {
            try {
                if (Integer.parseInt(batch.trim()) < 1) {
                    problems.add("Invalid value " + batch + " for configuration batch.size: Value must be at least 1");
                }
            } catch (NumberFormatException e) {
                problems.add("Invalid value " + batch + " for configuration batch.size: Not a number of type INT");
            }
        }
        return problems;
    }

    @Override
    public List<String> aliases() {
        return List.of("org.apache.kafka.connect.file.FileStreamSourceConnector", "FileStreamSource");
    }
}
