package dev.millrace.microbench.state;

import dev.millrace.streams.processor.RecordCollector;
import dev.millrace.streams.processor.StateRestoreCallback;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.processor.TaskId;
import java.io.File;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;

/**
 * A Millrace store context with a changelog but no broker: {@link #register} keeps the restore callback for the
 * benchmark to drive instead of reading a topic, and the record collector throws, because restored records must
 * never be logged again (nor anything else in these benchmarks). No checkpoint, so a persistent store starts empty.
 */
final class MillraceRestoreContext implements StateStoreContext {
    static final TopicPartition CHANGELOG = new TopicPartition("bench-bench-changelog", 0);

    private final File stateDir;
    private StateRestoreCallback callback;

    MillraceRestoreContext(File stateRoot) {
        this.stateDir = new File(new File(stateRoot, "bench"), "0_0");
    }

    StateRestoreCallback callback() {
        return callback;
    }

    @Override
    public String applicationId() {
        return "bench";
    }

    @Override
    public TaskId taskId() {
        return new TaskId(0, 0);
    }

    @Override
    public File stateDir() {
        return stateDir;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return Map.of();
    }

    @Override
    public void register(StateStore store, StateRestoreCallback stateRestoreCallback,
                         Map<String, String> changelogConfig) {
        this.callback = stateRestoreCallback;
    }

    @Override
    public RecordCollector recordCollector() {
        return FAILING_COLLECTOR;
    }

    private static final RecordCollector FAILING_COLLECTOR = new RecordCollector() {
        @Override
        public void send(String topic, int partition, Bytes key, byte[] value, long timestamp) {
            throw new IllegalStateException("the benchmark's store wrote to its changelog");
        }

        @Override
        public void flush() {
        }

        @Override
        public Map<TopicPartition, Long> offsets() {
            return Map.of();
        }
    };
}
