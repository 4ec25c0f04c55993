package dev.millrace.streams.processor.internals;

import dev.millrace.streams.StreamsMetrics;
import dev.millrace.streams.processor.RecordCollector;
import dev.millrace.streams.processor.RecordContext;
import dev.millrace.streams.processor.StateRestoreCallback;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.internals.StandaloneStateStoreContext;
import dev.millrace.streams.state.internals.ThreadCache;
import dev.millrace.streams.state.internals.ThreadCacheProvider;

import java.io.File;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The context a runtime task's stores open with: state-store's {@link StandaloneStateStoreContext} (changelog topic,
 * restore from checkpoint to the changelog's end, {@code .checkpoint} on flush) over the stream thread's shared Admin,
 * changelog producer and record cache, with the record context read from the task as it processes, so changelog
 * records carry the processed record's timestamp.
 */
final class TaskStateStoreContext implements StateStoreContext, ThreadCacheProvider, AutoCloseable {
    private final StandaloneStateStoreContext changelogs;
    private volatile Supplier<RecordContext> recordContext = () -> null;

    private final StreamsMetrics metrics;

    TaskStateStoreContext(StandaloneStateStoreContext changelogs) {
        this(changelogs, null);
    }

    /** {@code metrics}: the client's registry, where the task's stores register their metrics. */
    TaskStateStoreContext(StandaloneStateStoreContext changelogs, StreamsMetrics metrics) {
        this.changelogs = changelogs;
        this.metrics = metrics;
    }

    @Override
    public StreamsMetrics metrics() {
        return metrics;
    }

    void recordContextFrom(Supplier<RecordContext> source) {
        this.recordContext = source;
    }

    @Override
    public String applicationId() {
        return changelogs.applicationId();
    }

    @Override
    public TaskId taskId() {
        return changelogs.taskId();
    }

    @Override
    public File stateDir() {
        return changelogs.stateDir();
    }

    @Override
    public Map<String, Object> appConfigs() {
        return changelogs.appConfigs();
    }

    @Override
    public void register(StateStore store, StateRestoreCallback callback, Map<String, String> changelogConfig) {
        changelogs.register(store, callback, changelogConfig);
    }

    @Override
    public RecordCollector recordCollector() {
        return changelogs.recordCollector();
    }

    @Override
    public RecordContext recordContext() {
        return recordContext.get();
    }

    @Override
    public Long checkpointedOffset(String storeName) {
        return changelogs.checkpointedOffset(storeName);
    }

    @Override
    public void checkpoint(String storeName) {
        changelogs.checkpoint(storeName);
    }

    @Override
    public ThreadCache cache() {
        return changelogs.cache();
    }

    @Override
    public void close() {
        changelogs.close();
    }
}
