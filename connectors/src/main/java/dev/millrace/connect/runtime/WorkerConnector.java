package dev.millrace.connect.runtime;

import dev.millrace.connect.source.SourceConnector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One configured connector on this worker: its config, target state, instance, status and running tasks. */
final class WorkerConnector {
    final String name;
    Map<String, String> config;
    boolean paused;
    /** Target state STOPPED: neither the connector nor its tasks run (Connect's KIP-875). */
    boolean stopped;
    SourceConnector instance;
    State state = State.UNASSIGNED;
    String trace;
    List<Map<String, String>> taskConfigs = List.of();
    final List<WorkerTask> tasks = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    WorkerConnector(String name, Map<String, String> config, boolean paused) {
        this.name = name;
        this.config = config;
        this.paused = paused;
    }
}
