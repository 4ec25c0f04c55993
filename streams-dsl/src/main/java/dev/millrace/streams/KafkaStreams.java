package dev.millrace.streams;

import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.errors.StreamsUncaughtExceptionHandler;
import dev.millrace.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import dev.millrace.streams.processor.StateRestoreListener;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.processor.internals.InternalTopicManager;
import dev.millrace.streams.processor.internals.StreamThread;
import dev.millrace.streams.processor.internals.StreamThreadStateStoreProvider;
import dev.millrace.streams.processor.internals.StreamsMetadataState;
import dev.millrace.streams.processor.internals.ThreadMetadataImpl;
import dev.millrace.streams.processor.internals.WrappingStoreProvider;
import dev.millrace.streams.errors.StreamsNotStartedException;
import dev.millrace.streams.errors.UnknownStateStoreException;
import dev.millrace.streams.processor.StreamPartitioner;
import dev.millrace.streams.state.HostInfo;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import dev.millrace.streams.processor.internals.GlobalStreamThread;
import dev.millrace.streams.processor.internals.TopologyMetadata;
import dev.millrace.streams.processor.internals.metrics.ClientMetrics;
import dev.millrace.streams.processor.internals.metrics.StreamsMetricsImpl;
import dev.millrace.streams.processor.internals.metrics.StreamsMetricsRegistry;
import dev.millrace.streams.state.internals.ThreadCache;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.UUID;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a topology against a broker, as Kafka Streams' {@code KafkaStreams}: {@code num.stream.threads} stream threads,
 * each a member of the consumer group {@code application.id}, share the topology's tasks with the threads of every
 * other instance of the application. At-least-once: commits every {@code commit.interval.ms} (default 30000).
 *
 * <p>{@link #start()} first checks the configuration, then creates the internal topics (repartition and changelog)
 * with the partition counts the source topics imply, then starts the threads. The client is {@code REBALANCING} while
 * any thread waits for or processes an assignment, {@code RUNNING} when all run their tasks.
 */
public class KafkaStreams implements AutoCloseable {
    private static final System.Logger log = System.getLogger(KafkaStreams.class.getName());
    static final String EXACTLY_ONCE_UNSUPPORTED = "processing.guarantee=%s needs transactions, which the Millrace broker "
            + "does not support yet; use processing.guarantee=at_least_once";
    static final long DEFAULT_COMMIT_INTERVAL_MS = 30_000L;

    /** Kafka Streams' client states; each lists the states it may move to. */
    public enum State {
        CREATED(1, 3), REBALANCING(2, 3, 5), RUNNING(1, 2, 3, 5), PENDING_SHUTDOWN(4), NOT_RUNNING, PENDING_ERROR(6), ERROR;

        private final Set<Integer> validTransitions = new HashSet<>();

        State(Integer... validTransitions) {
            this.validTransitions.addAll(List.of(validTransitions));
        }

        public boolean isRunningOrRebalancing() {
            return this == RUNNING || this == REBALANCING;
        }

        public boolean isShuttingDown() {
            return this == PENDING_SHUTDOWN || this == PENDING_ERROR;
        }

        public boolean hasCompletedShutdown() {
            return this == NOT_RUNNING || this == ERROR;
        }

        public boolean hasNotStarted() {
            return this == CREATED;
        }

        public boolean hasStartedOrFinishedShuttingDown() {
            return isRunningOrRebalancing() || isShuttingDown() || hasCompletedShutdown();
        }

        public boolean isValidTransition(State newState) {
            return validTransitions.contains(newState.ordinal());
        }
    }

    /** Told of every state change, on the thread that made it. */
    @FunctionalInterface
    public interface StateListener {
        void onChange(State newState, State oldState);
    }

    private final TopologyMetadata metadata;
    private final StreamsConfig config;
    private final String applicationId;
    private final int numThreads;
    private final long commitIntervalMs;
    private final Path stateRoot;
    private final Object lock = new Object();
    private final List<StreamThread> threads = new ArrayList<>();
    private final Set<StreamThread> rebalancing = new HashSet<>();
    private State state = State.CREATED;
    private StateListener stateListener;
    private StreamsUncaughtExceptionHandler exceptionHandler;
    private StateRestoreListener restoreListener = StateRestoreListener.NO_OP;
    private Admin admin;
    private int threadSeq;
    private final Metrics metricsRegistry;
    private final StreamsMetricsImpl streamsMetrics;
    private final ClientMetrics clientMetrics;

    public KafkaStreams(Topology topology, Properties props) {
        this(topology, new StreamsConfig(props));
    }

    public KafkaStreams(Topology topology, Map<?, ?> props) {
        this(topology, new StreamsConfig(props));
    }

    public KafkaStreams(Topology topology, StreamsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.applicationId = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        if (config.getString(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new org.apache.kafka.common.config.ConfigException("Missing required configuration \""
                    + StreamsConfig.BOOTSTRAP_SERVERS_CONFIG + "\" which has no default value.");
        }
        this.numThreads = intConfig(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        this.commitIntervalMs = longConfig(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_COMMIT_INTERVAL_MS);
        intConfig(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0); // checked early; the group leader's assignor reads it
        String dir = config.getString(StreamsConfig.STATE_DIR_CONFIG);
        this.stateRoot = dir != null ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams");
        this.metadata = new TopologyMetadata(topology.internalTopologyBuilder(), applicationId);
        this.streamsMetadataState = new StreamsMetadataState(metadata,
                HostInfo.buildFromEndpoint(config.getString(StreamsConfig.APPLICATION_SERVER_CONFIG)));
        // Kafka Streams' client id: client.id, else <application.id>-<process id>; the metrics' client-id tag
        String processId = UUID.randomUUID().toString();
        String clientId = config.getString("client.id") != null ? config.getString("client.id") : applicationId + "-" + processId;
        this.metricsRegistry = StreamsMetricsRegistry.create(config.originals(), clientId);
        this.streamsMetrics = new StreamsMetricsImpl(metricsRegistry, clientId, processId);
        String description = topology.describe().toString();
        this.clientMetrics = new ClientMetrics(streamsMetrics, applicationId, () -> description, () -> state().name(),
                () -> state().ordinal(), this::aliveStreamThreads);
    }

    private int intConfig(String key, int dflt) {
        String v = config.getString(key);
        return v == null ? dflt : Integer.parseInt(v.trim());
    }

    private long longConfig(String key, long dflt) {
        String v = config.getString(key);
        return v == null ? dflt : Long.parseLong(v.trim());
    }

    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    public void setStateListener(StateListener listener) {
        synchronized (lock) {
            if (state != State.CREATED) throw new IllegalStateException("Can only set StateListener before calling start(). Current state is: " + state);
            this.stateListener = listener;
        }
    }

    public void setUncaughtExceptionHandler(StreamsUncaughtExceptionHandler handler) {
        synchronized (lock) {
            if (state != State.CREATED) throw new IllegalStateException("Can only set UncaughtExceptionHandler before calling start(). Current state is: " + state);
            this.exceptionHandler = Objects.requireNonNull(handler, "handler");
        }
    }

    /** Told of every store restore of every task of this client, as Kafka Streams' global restore listener. */
    public void setGlobalStateRestoreListener(StateRestoreListener listener) {
        synchronized (lock) {
            if (state != State.CREATED) throw new IllegalStateException("Can only set GlobalStateRestoreListener before calling start(). Current state is: " + state);
            this.restoreListener = listener == null ? StateRestoreListener.NO_OP : listener;
        }
    }

    /** Moves to {@code next} if the state machine allows it; the listener runs outside the lock. */
    private boolean setState(State next) {
        State old;
        StateListener l;
        synchronized (lock) {
            old = state;
            if (old == next) return true;
            if (!old.isValidTransition(next)) return false;
            state = next;
            lock.notifyAll();
            l = stateListener;
        }
        log.log(System.Logger.Level.INFO, "stream-client [" + applicationId + "] State transition from " + old + " to " + next);
        if (l != null) l.onChange(next, old);
        return true;
    }

    /**
     * Checks the configuration, creates the internal topics and starts the stream threads. Fails at once, with the
     * client in {@code ERROR}, when exactly-once is asked for, a source topic is missing or sources that must be
     * co-partitioned are not.
     */
    public void start() {
        synchronized (lock) {
            if (state != State.CREATED) throw new IllegalStateException("The client is either already started or already stopped, cannot re-start");
        }
        setState(State.REBALANCING);
        try {
            String guarantee = config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
            if (guarantee != null && !guarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
                throw new StreamsException(String.format(EXACTLY_ONCE_UNSUPPORTED, guarantee));
            }
            admin = Admin.create(adminConfigs());
            short replication = (short) intConfig("replication.factor", -1);
            metadata.resolveTasks(new InternalTopicManager(admin, replication).prepare(metadata));
            startGlobalThread();
            synchronized (lock) {
                for (int i = 0; i < numThreads; i++) threads.add(newThread());
                rebalancing.addAll(threads);
                for (StreamThread t : threads) t.start();
            }
        } catch (RuntimeException e) {
            setState(State.PENDING_ERROR);
            stopGlobalThread();
            if (admin != null) admin.close();
            closeMetrics();
            setState(State.ERROR);
            throw e;
        }
    }

    private Map<String, Object> adminConfigs() {
        Map<String, Object> out = new HashMap<>();
        out.put("bootstrap.servers", config.getString(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        for (Map.Entry<String, Object> e : config.originals().entrySet()) {
            if (e.getKey().startsWith("admin.")) out.put(e.getKey().substring("admin.".length()), e.getValue());
        }
        return out;
    }

    private StreamThread newThread() {
        String name = applicationId + "-StreamThread-" + (++threadSeq);
        long cacheBytes = ThreadCache.maxBytes(config.originals()) / numThreads;
        StreamThread thread = new StreamThread(name, metadata, config, stateRoot.toFile(), admin, commitIntervalMs, cacheBytes,
                restoreListener, new ThreadListener(), streamsMetrics);
        thread.attach(streamsMetadataState);
        return thread;
    }

    private final class ThreadListener implements StreamThread.Listener {
        @Override
        public void onRebalancing(StreamThread thread, boolean isRebalancing) {
            boolean anyRebalancing;
            synchronized (lock) {
                if (isRebalancing) rebalancing.add(thread);
                else rebalancing.remove(thread);
                anyRebalancing = !rebalancing.isEmpty();
                if (!state.isRunningOrRebalancing()) return;
            }
            setState(anyRebalancing ? State.REBALANCING : State.RUNNING);
        }

        @Override
        public void onFailure(StreamThread thread, Throwable error) {
            StreamsUncaughtExceptionHandler handler;
            synchronized (lock) {
                rebalancing.remove(thread);
                threads.remove(thread);
                handler = exceptionHandler;
                if (!state.isRunningOrRebalancing()) return;
            }
            clientMetrics.streamThreadFailed();
            StreamThreadExceptionResponse response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            if (handler != null) {
                try {
                    response = handler.handle(error);
                } catch (RuntimeException e) {
                    log.log(System.Logger.Level.ERROR, "stream-client [" + applicationId + "] the uncaught exception handler failed", e);
                }
            }
            log.log(System.Logger.Level.ERROR, "stream-client [" + applicationId + "] " + thread.getName() + " died; response " + response, error);
            switch (response) {
                case REPLACE_THREAD -> {
                    synchronized (lock) {
                        if (!state.isRunningOrRebalancing()) return;
                        StreamThread replacement = newThread();
                        threads.add(replacement);
                        rebalancing.add(replacement);
                        replacement.start();
                    }
                    setState(State.REBALANCING);
                }
                case SHUTDOWN_APPLICATION -> {
                    log.log(System.Logger.Level.ERROR, "stream-client [" + applicationId + "] SHUTDOWN_APPLICATION closes this "
                            + "client only: telling the other instances through the group is not implemented yet");
                    shutdownInBackground();
                }
                default -> shutdownInBackground();
            }
        }
    }

    /** SHUTDOWN_CLIENT: the other threads stop on a separate thread (a dying stream thread must not wait for itself). */
    private void shutdownInBackground() {
        if (!setState(State.PENDING_ERROR)) return;
        Thread t = new Thread(() -> {
            stopThreads(Long.MAX_VALUE);
            closeMetrics();
            setState(State.ERROR);
        }, applicationId + "-shutdown");
        t.setDaemon(true);
        t.start();
    }

    /** Stops every thread (each commits, closes its tasks and leaves the group); true if all ended in time. */
    private boolean stopThreads(long timeoutMs) {
        List<StreamThread> current;
        synchronized (lock) {
            current = new ArrayList<>(threads);
        }
        for (StreamThread t : current) t.requestStop();
        long deadline = timeoutMs == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMs;
        boolean all = true;
        for (StreamThread t : current) {
            if (t == Thread.currentThread()) continue;
            try {
                long left = deadline == Long.MAX_VALUE ? 0 : Math.max(1, deadline - System.currentTimeMillis());
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            all &= !t.isAlive();
        }
        if (all) all = stopGlobalThread();
        if (all && admin != null) admin.close();
        return all;
    }

    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    /**
     * Stops the threads (each commits its tasks, flushes and checkpoints the stores and leaves the group) and waits up
     * to {@code timeout} for them; returns whether they all stopped in time.
     */
    public boolean close(Duration timeout) {
        if (timeout.isNegative()) throw new IllegalArgumentException("Timeout can't be negative.");
        if (!setState(State.PENDING_SHUTDOWN)) {
            // already shutting down (or done): wait for that to finish
            return waitForCompletedShutdown(timeout.toMillis());
        }
        boolean stopped = stopThreads(timeout.toMillis() == Long.MAX_VALUE ? Long.MAX_VALUE : timeout.toMillis());
        if (stopped) closeMetrics();
        if (stopped) setState(State.NOT_RUNNING);
        return stopped;
    }

    private boolean waitForCompletedShutdown(long timeoutMs) {
        long deadline = System.currentTimeMillis() + Math.min(timeoutMs, Long.MAX_VALUE / 2);
        synchronized (lock) {
            while (!state.hasCompletedShutdown()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) return false;
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Deletes this application's local state ({@code <state.dir>/<application.id>}); only while not running, as Kafka
     * Streams. Stores restore from their changelogs on the next start.
     */
    public void cleanUp() {
        synchronized (lock) {
            if (state.isRunningOrRebalancing() || state.isShuttingDown()) {
                throw new IllegalStateException("Cannot clean up while running.");
            }
        }
        Path appDir = stateRoot.resolve(applicationId);
        if (!Files.exists(appDir)) return;
        try (Stream<Path> paths = Files.walk(appDir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + appDir, e);
        }
    }

    /** The tasks each live thread of this client runs, by thread name; a reduced form of Kafka's metadataForLocalThreads. */
    public Map<String, Set<TaskId>> localThreadsTasks() {
        Map<String, Set<TaskId>> out = new HashMap<>();
        synchronized (lock) {
            for (StreamThread t : threads) out.put(t.getName(), t.activeTaskIds());
        }
        return out;
    }

    // ---- interactive queries: local stores by name and type, and where the application's keys live ----

    private StreamsMetadataState streamsMetadataState;

    private void validateIsRunningOrRebalancing() {
        synchronized (lock) {
            if (state.hasNotStarted()) {
                throw new StreamsNotStartedException("KafkaStreams has not been started, you can retry after calling start()");
            }
            if (!state.isRunningOrRebalancing()) {
                throw new IllegalStateException("KafkaStreams is not running. State is " + state + ".");
            }
        }
    }

    /**
     * A read-only view over the store of every local task (or of one partition's, or standbys' too with stale
     * stores). The view looks the stores up on every call: an error (store migrated, thread rebalancing, wrong
     * store type) surfaces on use, as in Kafka Streams.
     */
    public <T> T store(StoreQueryParameters<T> storeQueryParameters) {
        validateIsRunningOrRebalancing();
        String storeName = storeQueryParameters.storeName();
        if (!streamsMetadataState.hasStore(storeName)) {
            throw new UnknownStateStoreException("Cannot get state store " + storeName + " because no such store is registered in the topology.");
        }
        return storeQueryParameters.queryableStoreType().create(new WrappingStoreProvider(this::liveStoreProviders, storeQueryParameters), storeName);
    }

    private List<StreamThreadStateStoreProvider> liveStoreProviders() {
        List<StreamThreadStateStoreProvider> out = new ArrayList<>();
        synchronized (lock) {
            for (StreamThread t : threads) out.add(t.storeProvider());
        }
        return out;
    }

    /** The instance (and standbys) holding the key of the store, with the producer's default partitioning of its key. */
    public <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, Serializer<K> keySerializer) {
        return queryMetadataForKey(storeName, key, new RecordHeaders(), keySerializer);
    }

    /** As above, for a key serializer that reads the record's headers. */
    public <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, Headers headers, Serializer<K> keySerializer) {
        validateIsRunningOrRebalancing();
        return streamsMetadataState.keyQueryMetadataForKey(storeName, key, headers, keySerializer);
    }

    /** As above, for an application that partitions the store's input with its own partitioner. */
    public <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, StreamPartitioner<? super K, ?> partitioner) {
        return queryMetadataForKey(storeName, key, new RecordHeaders(), partitioner);
    }

    public <K> KeyQueryMetadata queryMetadataForKey(String storeName, K key, Headers headers, StreamPartitioner<? super K, ?> partitioner) {
        validateIsRunningOrRebalancing();
        return streamsMetadataState.keyQueryMetadataForKey(storeName, key, headers, partitioner);
    }

    /** Every instance with an {@code application.server} endpoint, as of the last assignment. */
    public java.util.Collection<StreamsMetadata> metadataForAllStreamsClients() {
        validateIsRunningOrRebalancing();
        return streamsMetadataState.allMetadata();
    }

    /** The instances holding an active or standby copy of the store. */
    public java.util.Collection<StreamsMetadata> streamsMetadataForStore(String storeName) {
        validateIsRunningOrRebalancing();
        return streamsMetadataState.allMetadataForStore(storeName);
    }

    /** This client's live stream threads with their state and tasks. */
    public Set<ThreadMetadata> metadataForLocalThreads() {
        Set<ThreadMetadata> out = new HashSet<>();
        synchronized (lock) {
            for (StreamThread t : threads) {
                StreamThreadStateStoreProvider p = t.storeProvider();
                if (p.state() != dev.millrace.streams.processor.internals.StreamThreadState.DEAD) {
                    out.add(ThreadMetadataImpl.of(t.getName(), p, metadata, applicationId + "-admin"));
                }
            }
        }
        return out;
    }

    /**
     * Every metric of this client, as Kafka Streams' {@code metrics()}: the stream, thread, task, processor-node and
     * state-store metrics, and those of each live thread's consumer and producer and of the client's Admin.
     */
    public Map<MetricName, ? extends Metric> metrics() {
        Map<MetricName, Metric> out = new LinkedHashMap<>();
        synchronized (lock) {
            for (StreamThread t : threads) out.putAll(t.clientMetrics());
            if (admin != null) out.putAll(admin.metrics());
        }
        out.putAll(metricsRegistry.metrics());
        return Collections.unmodifiableMap(out);
    }

    private int aliveStreamThreads() {
        synchronized (lock) {
            return (int) threads.stream().filter(Thread::isAlive).count();
        }
    }

    /** Removes the client-level metrics and closes the registry (and its JMX reporter); once the threads are gone. */
    private void closeMetrics() {
        clientMetrics.close();
        metricsRegistry.close();
    }

    // the global thread, present when the topology has global stores (global tables)

    private volatile GlobalStreamThread globalThread;

    /**
     * Loads the global stores up to the global topics' ends before any stream thread starts (so no task joins a
     * half-loaded table), then keeps them updated on their own thread.
     */
    private void startGlobalThread() {
        if (metadata.builder().globalTopics().isEmpty()) return;
        GlobalStreamThread global = new GlobalStreamThread(applicationId, metadata.builder(), config, stateRoot.toFile(),
                commitIntervalMs, this::shutdownInBackground);
        global.initialize();
        metadata.useGlobalStores(global::store);
        global.start();
        globalThread = global;
    }

    /** Stops the global thread, after the stream threads (their tasks read its stores); true once it has ended. */
    private boolean stopGlobalThread() {
        GlobalStreamThread global = globalThread;
        if (global == null) return true;
        global.shutdown();
        try {
            global.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !global.isAlive();
    }
}
