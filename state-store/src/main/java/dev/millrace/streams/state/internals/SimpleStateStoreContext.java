package dev.millrace.streams.state.internals;

import dev.millrace.streams.processor.StateRestoreCallback;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.processor.TaskId;

import java.io.File;
import java.util.Map;

/**
 * A plain {@link StateStoreContext}: what the Streams runtime will hand each store, and what tests use to open stores
 * without a runtime. It has no changelogs: logged stores opened with it write none and restore nothing (use
 * {@link StandaloneStateStoreContext} for those). The task directory is {@code <state.dir>/<application.id>/<task id>}, as in Kafka Streams.
 */
public final class SimpleStateStoreContext implements StateStoreContext, ThreadCacheProvider {
    private final String applicationId;
    private final TaskId taskId;
    private final File stateDir;
    private final Map<String, Object> configs;

    public SimpleStateStoreContext(String applicationId, TaskId taskId, File stateRoot, Map<String, Object> configs) {
        this.applicationId = applicationId;
        this.taskId = taskId;
        this.stateDir = new File(new File(stateRoot, applicationId), taskId.toString());
        this.configs = Map.copyOf(configs);
    }

    private ThreadCache cache;

    /** The record cache shared by the caching stores opened with this context, made on first use with its budget. */
    @Override
    public synchronized ThreadCache cache() {
        if (cache == null) cache = new ThreadCache(ThreadCache.maxBytes(configs));
        return cache;
    }

    @Override
    public String applicationId() {
        return applicationId;
    }

    @Override
    public TaskId taskId() {
        return taskId;
    }

    @Override
    public File stateDir() {
        return stateDir;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return configs;
    }

    /** No changelog, so nothing to restore. */
    @Override
    public void register(StateStore store, StateRestoreCallback callback, Map<String, String> changelogConfig) {
    }
}
