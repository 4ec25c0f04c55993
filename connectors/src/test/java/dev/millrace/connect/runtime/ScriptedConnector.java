package dev.millrace.connect.runtime;

import dev.millrace.connect.errors.ConnectException;
import dev.millrace.connect.source.SourceConnector;
import dev.millrace.connect.source.SourceRecord;
import dev.millrace.connect.source.SourceTask;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test connector whose task does what {@code mode} says: {@code fail-start} and {@code fail-poll} throw
 * {@code message}; {@code progress} reports {@code {"rows": n}} on each poll; {@code validate} rejects a config
 * with {@code reject=true}. Registered in the test resources' META-INF/services file.
 */
public final class ScriptedConnector extends SourceConnector {
    private Map<String, String> props;

    @Override public String version() { return "1.0-test"; }
    @Override public void start(Map<String, String> props) { this.props = props; }
    @Override public Class<? extends SourceTask> taskClass() { return ScriptedTask.class; }
    @Override public void stop() { }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            out.add(Map.copyOf(props));
        }
        return out;
    }

    @Override
    public List<String> validate(Map<String, String> props) {
        if ("true".equals(props.get("explode"))) {
            throw new IllegalStateException("Cannot reach the source system at example.invalid:1: check host");
        }
        return "true".equals(props.get("reject")) ? List.of("Invalid value true for configuration reject: rejected on purpose")
                : List.of();
    }

    public static final class ScriptedTask extends SourceTask {
        private String mode;
        private String message;
        private int polls;

        @Override public String version() { return "1.0-test"; }

        @Override
        public void start(Map<String, String> props) {
            mode = props.getOrDefault("mode", "idle");
            message = props.getOrDefault("message", "scripted failure");
            if (mode.equals("fail-start")) {
                throw new ConnectException(message);
            }
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            Thread.sleep(20);
            polls++;
            if (mode.equals("fail-poll")) {
                throw new ConnectException(message);
            }
            if (mode.equals("progress")) {
                context.progress(Map.of("rows", polls, "table", "public.orders"));
            }
            return null;
        }

        @Override public void stop() { }
    }
}
