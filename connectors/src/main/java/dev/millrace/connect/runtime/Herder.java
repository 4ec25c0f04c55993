package dev.millrace.connect.runtime;

import dev.millrace.connect.errors.ConnectException;
import dev.millrace.connect.runtime.store.ConfigStore;
import dev.millrace.connect.runtime.store.OffsetStore;
import dev.millrace.connect.runtime.store.StatusStore;
import dev.millrace.connect.source.SourceConnector;
import dev.millrace.connect.source.SourceTask;
import dev.millrace.connect.storage.Converter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs this worker's connectors and answers the REST operations with Kafka Connect's semantics: create, update,
 * pause, resume, restart and delete. Every change is written to the config topic before it takes effect, so a
 * restarted worker comes back with the same connectors in the same target states. One lock orders all changes.
 */
public final class Herder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Herder.class);

    private final WorkerConfig workerConfig;
    private final ConnectorPlugins plugins;
    private final ConnectorConfigValidator validator;
    private final ConfigStore configs;
    private final OffsetStore offsets;
    private final StatusStore statuses;
    private final Admin admin;
    private final String workerId;
    private final Map<String, WorkerConnector> connectors = new LinkedHashMap<>();
    private int generation;

    public Herder(WorkerConfig workerConfig, ConnectorPlugins plugins, ConfigStore configs, OffsetStore offsets,
                  StatusStore statuses, Admin admin, String workerId) {
        this.workerConfig = workerConfig;
        this.plugins = plugins;
        this.validator = new ConnectorConfigValidator(plugins);
        this.configs = configs;
        this.offsets = offsets;
        this.statuses = statuses;
        this.admin = admin;
        this.workerId = workerId;
    }

    /** Starts every connector the config topic holds, in its stored target state. */
    public synchronized void startStored() {
        configs.load().forEach((name, stored) -> {
            WorkerConnector c = new WorkerConnector(name, stored.config(), "PAUSED".equals(stored.targetState()));
            connectors.put(name, c);
            if ("STOPPED".equals(stored.targetState())) {
                c.stopped = true;
                setConnectorState(c, State.STOPPED, null);
            } else {
                startConnector(c);
            }
        });
    }

    public String workerId() {
        return workerId;
    }

    public ConnectorPlugins plugins() {
        return plugins;
    }

    public synchronized List<String> connectorNames() {
        return new ArrayList<>(connectors.keySet());
    }

    /** Creates a connector; 409 when one of that name exists, 400 when the config is invalid. */
    public synchronized ConnectorView create(String name, Map<String, String> config) {
        validator.checkName(name);
        if (connectors.containsKey(name)) {
            throw new RequestException(409, "Connector " + name + " already exists");
        }
        Map<String, String> full = validator.validated(name, config);
        configs.putConfig(name, full);
        WorkerConnector c = new WorkerConnector(name, full, false);
        connectors.put(name, c);
        startConnector(c);
        return view(c);
    }

    /** Creates or replaces a connector's config; the boolean is true when it was created. */
    public synchronized Map.Entry<Boolean, ConnectorView> putConfig(String name, Map<String, String> config) {
        validator.checkName(name);
        Map<String, String> full = validator.validated(name, config);
        WorkerConnector existing = connectors.get(name);
        configs.putConfig(name, full);
        if (existing == null) {
            WorkerConnector c = new WorkerConnector(name, full, false);
            connectors.put(name, c);
            startConnector(c);
            return Map.entry(true, view(c));
        }
        stopConnector(existing);
        existing.config = full;
        if (existing.stopped) {
            setConnectorState(existing, State.STOPPED, null);
        } else {
            startConnector(existing);
        }
        return Map.entry(false, view(existing));
    }

    /** The connector's stored source offsets, as {@code GET /connectors/{name}/offsets} shows them. */
    public synchronized List<OffsetStore.StoredOffset> offsets(String name) {
        get(name);
        return offsets.offsets(name);
    }

    /** The connector's current state; 404 when there is no such connector. */
    public synchronized ConnectorView view(String name) {
        return view(get(name));
    }

    public synchronized void pause(String name) {
        WorkerConnector c = get(name);
        configs.putTargetState(name, "PAUSED");
        c.paused = true;
        if (c.stopped) {
            c.stopped = false;
            startConnector(c);
            return;
        }
        if (c.state == State.RUNNING) {
            setConnectorState(c, State.PAUSED, null);
        }
        c.tasks.forEach(WorkerTask::pause);
    }

    public synchronized void resume(String name) {
        WorkerConnector c = get(name);
        configs.putTargetState(name, "STARTED");
        c.paused = false;
        if (c.stopped) {
            c.stopped = false;
            startConnector(c);
            return;
        }
        if (c.state == State.PAUSED) {
            setConnectorState(c, State.RUNNING, null);
        }
        c.tasks.forEach(WorkerTask::resume);
    }

    /**
     * Restarts the connector instance, and with {@code includeTasks} its tasks; {@code onlyFailed} limits both to
     * the FAILED ones. Returns the status after the restart.
     */
    public synchronized ConnectorView restart(String name, boolean includeTasks, boolean onlyFailed) {
        WorkerConnector c = get(name);
        if (c.stopped) {
            return view(c); // nothing runs; resume starts it
        }
        boolean connectorToo = !onlyFailed || c.state == State.FAILED;
        if (connectorToo) {
            if (includeTasks && !onlyFailed) {
                stopConnector(c);
                startConnector(c);
            } else {
                restartConnectorInstance(c);
            }
        }
        if (includeTasks && !(connectorToo && !onlyFailed)) {
            for (int i = 0; i < c.tasks.size(); i++) {
                if (!onlyFailed || c.tasks.get(i).state() == State.FAILED) {
                    restartTask(c, i);
                }
            }
        }
        return view(c);
    }

    public synchronized void restartTask(String name, int task) {
        WorkerConnector c = get(name);
        if (task < 0 || task >= c.tasks.size()) {
            throw new RequestException(404, "Task " + name + "-" + task + " not found");
        }
        restartTask(c, task);
    }

    /**
     * Stops the connector and its tasks (offsets committed) and stores the target state STOPPED, as Connect's
     * {@code PUT /connectors/{name}/stop}: it keeps its config, has no tasks, and its offsets may be reset.
     */
    public synchronized void stop(String name) {
        WorkerConnector c = get(name);
        configs.putTargetState(name, "STOPPED");
        List<WorkerTask> tasks = new ArrayList<>(c.tasks);
        stopConnector(c);
        c.stopped = true;
        c.paused = false;
        c.taskConfigs = List.of();
        configs.putTaskConfigs(name, List.of());
        for (WorkerTask t : tasks) {
            if (t != null) {
                statuses.putTask(name, t.id().task(), State.UNASSIGNED.name(), null, workerId, generation);
            }
        }
        setConnectorState(c, State.STOPPED, null);
    }

    /** Deletes the stored offsets of a STOPPED connector, so it starts from scratch when resumed; 400 otherwise. */
    public synchronized void resetOffsets(String name) {
        WorkerConnector c = get(name);
        if (!c.stopped) {
            throw new RequestException(400, "Connectors must be in the STOPPED state before their offsets can be"
                    + " modified. This can be done for the specified connector by issuing a 'PUT' request to the"
                    + " '/connectors/" + name + "/stop' endpoint");
        }
        Map<Map<String, ?>, Map<String, ?>> tombstones = new LinkedHashMap<>();
        for (OffsetStore.StoredOffset o : offsets.offsets(name)) {
            tombstones.put(o.partition(), null);
        }
        offsets.write(name, tombstones);
    }

    public synchronized void delete(String name) {
        WorkerConnector c = get(name);
        int tasks = c.tasks.size();
        stopConnector(c);
        configs.remove(name);
        statuses.removeConnector(name, tasks);
        connectors.remove(name);
    }

    /**
     * Stops every connector (tasks first commit their offsets); the stored configs stay. As a Connect worker
     * leaving, it records UNASSIGNED for what it ran, except failures, which keep their trace.
     */
    @Override
    public synchronized void close() {
        for (WorkerConnector c : connectors.values()) {
            if (c.stopped) {
                continue;
            }
            List<WorkerTask> tasks = new ArrayList<>(c.tasks);
            stopConnector(c);
            if (c.state != State.FAILED) {
                statuses.putConnector(c.name, State.UNASSIGNED.name(), null, workerId, generation);
            }
            for (WorkerTask t : tasks) {
                if (t != null && t.state() != State.FAILED) {
                    statuses.putTask(c.name, t.id().task(), State.UNASSIGNED.name(), null, workerId, generation);
                }
            }
        }
    }

    private WorkerConnector get(String name) {
        WorkerConnector c = connectors.get(name);
        if (c == null) {
            throw RequestException.notFound(name);
        }
        return c;
    }

    private void startConnector(WorkerConnector c) {
        generation++;
        try {
            SourceConnector instance = newInstance(c);
            c.instance = instance;
            instance.start(c.config);
            int maxTasks = Integer.parseInt(c.config.getOrDefault("tasks.max", "1").trim());
            List<Map<String, String>> taskConfigs = instance.taskConfigs(maxTasks);
            c.taskConfigs = taskConfigs.stream().map(Map::copyOf).toList();
            configs.putTaskConfigs(c.name, c.taskConfigs);
            setConnectorState(c, c.paused ? State.PAUSED : State.RUNNING, null);
            for (int i = 0; i < c.taskConfigs.size(); i++) {
                c.tasks.add(null);
                c.threads.add(null);
                startTask(c, i);
            }
        } catch (RuntimeException | LinkageError e) {
            log.error("Connector {} failed to start", c.name, e);
            stopInstance(c);
            setConnectorState(c, State.FAILED, Traces.of(e));
        }
    }

    private SourceConnector newInstance(WorkerConnector c) {
        return plugins.newConnector(c.config.get("connector.class")).orElseThrow(() ->
                new ConnectException("Invalid connector.class " + c.config.get("connector.class")
                        + ": no connector plugin answers to that name"));
    }

    private void restartConnectorInstance(WorkerConnector c) {
        stopInstance(c);
        generation++;
        try {
            SourceConnector instance = newInstance(c);
            c.instance = instance;
            instance.start(c.config);
            int maxTasks = Integer.parseInt(c.config.getOrDefault("tasks.max", "1").trim());
            List<Map<String, String>> fresh = instance.taskConfigs(maxTasks).stream().map(Map::copyOf).toList();
            setConnectorState(c, c.paused ? State.PAUSED : State.RUNNING, null);
            if (!fresh.equals(c.taskConfigs) || c.tasks.isEmpty()) {
                stopTasks(c);
                c.taskConfigs = fresh;
                configs.putTaskConfigs(c.name, fresh);
                for (int i = 0; i < fresh.size(); i++) {
                    c.tasks.add(null);
                    c.threads.add(null);
                    startTask(c, i);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            log.error("Connector {} failed to restart", c.name, e);
            stopInstance(c);
            setConnectorState(c, State.FAILED, Traces.of(e));
        }
    }

    private void startTask(WorkerConnector c, int index) {
        TaskId id = new TaskId(c.name, index);
        Map<String, String> taskConfig = new HashMap<>(c.taskConfigs.get(index));
        Class<? extends SourceTask> taskClass = c.instance.taskClass();
        taskConfig.putIfAbsent("task.class", taskClass.getName());
        SourceTask task;
        try {
            task = taskClass.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ConnectException("Could not instantiate task class " + taskClass.getName(), e);
        }
        Converter key = converter(c.config, "key.converter", true);
        Converter value = converter(c.config, "value.converter", false);
        Map<String, Object> producerProps = producerProps(id);
        WorkerTask worker = new WorkerTask(id, task, taskConfig, key, value,
                new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer()), offsets,
                new TopicCreator(admin, Boolean.parseBoolean(workerConfig.get("topic.creation.enable")), c.config),
                workerConfig.positiveLong(WorkerConfig.OFFSET_FLUSH_INTERVAL_MS), c.paused,
                t -> statuses.putTask(c.name, t.id().task(), t.state().name(), t.trace(), workerId, generation),
                bufferMemory(producerProps));
        Thread thread = new Thread(worker, "connect-task-" + id);
        thread.setDaemon(true);
        c.tasks.set(index, worker);
        c.threads.set(index, thread);
        thread.start();
    }

    private void restartTask(WorkerConnector c, int index) {
        stopTask(c, index);
        startTask(c, index);
    }

    /** A connector may override the worker's converters with its own key.converter / value.converter keys. */
    private Converter converter(Map<String, String> connectorConfig, String key, boolean isKey) {
        Map<String, Object> settings = new HashMap<>(workerConfig.withPrefix(key + "."));
        String className = workerConfig.get(key);
        if (connectorConfig.containsKey(key)) {
            className = connectorConfig.get(key);
            settings.clear();
        }
        connectorConfig.forEach((k, v) -> {
            if (k.startsWith(key + ".")) {
                settings.put(k.substring(key.length() + 1), v);
            }
        });
        return Converters.create(className, settings, isKey, key);
    }

    private Map<String, Object> producerProps(TaskId id) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", workerConfig.get(WorkerConfig.BOOTSTRAP_SERVERS));
        props.put("enable.idempotence", "true");
        props.put("acks", "all");
        props.put("linger.ms", "5");
        props.put("client.id", "connector-producer-" + id);
        props.putAll(workerConfig.withPrefix("producer."));
        return props;
    }

    /** The producer's buffer.memory as configured, else kafka-clients' default (32 MiB). */
    private static long bufferMemory(Map<String, Object> producerProps) {
        Object v = producerProps.get(ProducerConfig.BUFFER_MEMORY_CONFIG);
        try {
            return v == null ? 32L * 1024 * 1024 : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            return 32L * 1024 * 1024; // the producer itself rejects the value
        }
    }

    private void stopConnector(WorkerConnector c) {
        stopTasks(c);
        stopInstance(c);
        if (c.state != State.FAILED) {
            c.state = State.UNASSIGNED;
        }
    }

    private void stopTasks(WorkerConnector c) {
        for (int i = 0; i < c.tasks.size(); i++) {
            if (c.tasks.get(i) != null) {
                c.tasks.get(i).stop();
            }
        }
        for (int i = 0; i < c.tasks.size(); i++) {
            join(c, i);
        }
        c.tasks.clear();
        c.threads.clear();
    }

    private void stopTask(WorkerConnector c, int index) {
        WorkerTask task = c.tasks.get(index);
        if (task != null) {
            task.stop();
            join(c, index);
        }
    }

    private void join(WorkerConnector c, int index) {
        Thread thread = c.threads.get(index);
        if (thread == null) {
            return;
        }
        long timeout = workerConfig.positiveLong("task.shutdown.graceful.timeout.ms");
        try {
            thread.join(timeout);
            if (thread.isAlive()) {
                log.warn("Task {}-{} did not stop within {} ms; interrupting it", c.name, index, timeout);
                thread.interrupt();
                thread.join(timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopInstance(WorkerConnector c) {
        if (c.instance != null) {
            try {
                c.instance.stop();
            } catch (RuntimeException e) {
                log.warn("Connector {} failed to stop cleanly", c.name, e);
            }
            c.instance = null;
        }
    }

    private void setConnectorState(WorkerConnector c, State state, String trace) {
        c.state = state;
        c.trace = trace;
        statuses.putConnector(c.name, state.name(), trace, workerId, generation);
    }

    private static ConnectorView view(WorkerConnector c) {
        List<ConnectorView.TaskView> tasks = new ArrayList<>();
        for (WorkerTask t : c.tasks) {
            if (t != null) {
                tasks.add(new ConnectorView.TaskView(t.id().task(), t.state(), t.trace(), t.progress()));
            }
        }
        return new ConnectorView(c.name, Collections.unmodifiableMap(new LinkedHashMap<>(c.config)), c.state, c.trace, c.taskConfigs, List.copyOf(tasks));
    }
}
