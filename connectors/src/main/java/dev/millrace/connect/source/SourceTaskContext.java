package dev.millrace.connect.source;

import java.util.Map;

/** What the runtime gives a running source task: its config, its stored offsets, and a place to report progress. */
public interface SourceTaskContext {

    /** The task's configuration, as returned by the connector's {@code taskConfigs}. */
    Map<String, String> configs();

    OffsetStorageReader offsetStorageReader();

    /**
     * Publishes the task's progress (e.g. snapshot rows done per table); the latest map replaces the previous one
     * and is shown under the task's {@code "progress"} key in {@code GET /connectors/{name}/status}.
     */
    void progress(Map<String, Object> detail);
}
