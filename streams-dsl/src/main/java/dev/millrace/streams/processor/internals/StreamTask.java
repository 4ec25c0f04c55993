package dev.millrace.streams.processor.internals;

import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.Cancellable;
import dev.millrace.streams.processor.PunctuationType;
import dev.millrace.streams.processor.Punctuator;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.internals.metrics.StreamsMetricsImpl;
import dev.millrace.streams.processor.internals.metrics.TaskMetrics;
import dev.millrace.streams.state.StoreBuilder;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One task: its own processor instances and stores, its stream time (the largest timestamp of the records it has
 * processed, -1 before the first), and its two punctuation queues. Single-threaded: whoever drives it (the test
 * driver today, a stream thread later) calls {@link #process}, the punctuate methods and {@link #commit} in turn.
 */
public final class StreamTask {
    public static final long UNKNOWN = -1L;
    /** Kafka Streams' threshold of changelog records between checkpoints. */
    static final int RECORDS_BETWEEN_STORE_FLUSHES = 10_000;

    private final TaskId id;
    private final StreamsConfig config;
    private final String applicationId;
    private final ProcessorTopology topology;
    private final StateStoreContext storeContext;
    private final LongSupplier wallClock;
    private final RecordSink recordSink;
    private final ProcessorContextImpl context;
    private long droppedRecords;
    private TaskMetrics metrics = TaskMetrics.NONE;
    private StreamsMetricsImpl detachedMetrics;
    private final Map<String, StateStore> stores = new LinkedHashMap<>();
    private final List<CommitListener> commitListeners = new ArrayList<>();
    private final PunctuationQueue streamTimePunctuations = new PunctuationQueue();
    private final PunctuationQueue wallClockPunctuations = new PunctuationQueue();
    private long streamTime = UNKNOWN;
    private int recordsSinceStoreFlush;

    private record CommitListener(Runnable work, ProcessorNode node) {
    }

    private boolean commitRequested;
    private boolean open;

    public StreamTask(TaskId id, InternalTopologyBuilder builder, StreamsConfig config, StateStoreContext storeContext,
                      LongSupplier wallClock, RecordSink recordSink) {
        this(id, builder, null, config, storeContext, wallClock, recordSink);
    }

    /** A task of one sub-topology ({@code nodeNames}; null: the whole topology, as the test driver runs it). */
    StreamTask(TaskId id, InternalTopologyBuilder builder, Set<String> nodeNames, StreamsConfig config,
               StateStoreContext storeContext, LongSupplier wallClock, RecordSink recordSink) {
        this.id = id;
        this.config = config;
        this.applicationId = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        this.topology = new ProcessorTopology(builder, applicationId, nodeNames);
        this.storeContext = storeContext;
        this.wallClock = wallClock;
        this.recordSink = recordSink;
        this.context = new ProcessorContextImpl(this);
    }

    /** Opens the stores (in the order they were added), then initialises every node in the order it was added. */
    public void initialize() {
        for (StoreBuilder<?> builder : topology.storeBuilders()) {
            StateStore store = builder.build();
            store.init(storeContext, store);
            stores.put(store.name(), store);
        }
        for (ProcessorNode node : topology.nodes()) {
            context.setCurrentNode(node);
            node.init(context);
        }
        context.setCurrentNode(null);
        open = true;
    }

    TaskId id() {
        return id;
    }

    StreamsConfig config() {
        return config;
    }

    String applicationId() {
        return applicationId;
    }

    ProcessorTopology topology() {
        return topology;
    }

    File stateDir() {
        return storeContext.stateDir();
    }

    /** The task's own directory under the state directory, {@code <state.dir>/<application.id>/<task id>}. */
    public File taskDirectory() {
        return storeContext.stateDir();
    }

    RecordSink recordSink() {
        return recordSink;
    }

    long wallClockMs() {
        return wallClock.getAsLong();
    }

    public long streamTime() {
        return streamTime;
    }

    /** Records a processor dropped (null key, expired window): Kafka Streams' task-level {@code dropped-records}. */
    void recordDropped() {
        droppedRecords++;
        metrics.droppedRecord();
    }

    /**
     * How many records this task's processors dropped so far, and its window stores (puts older than their retention,
     * as Kafka counts them); the metrics slice exposes it as dropped-records-total.
     */
    public long droppedRecordsTotal() {
        long total = droppedRecords;
        for (StateStore store : stores.values()) total += WindowStoreDrops.of(store);
        return total;
    }

    StateStore store(String name) {
        return stores.get(name);
    }

    /** The task's stores by name, outermost layer; what the test driver hands out. */
    public Map<String, StateStore> stores() {
        return stores;
    }

    /** The topic a sink writes: internal topic names get the application id prefix. */
    String physicalTopic(String topic) {
        return topology.physical(topic, applicationId);
    }

    /** Whether this task reads the (physical) topic. */
    public boolean consumes(String topic) {
        return topology.source(topic) != null;
    }

    public Set<String> sourceTopics() {
        return topology.sourceTopics();
    }

    void registerCommitListener(Runnable listener, ProcessorNode node) {
        commitListeners.add(new CommitListener(listener, node));
    }

    void requestCommit() {
        commitRequested = true;
    }

    public boolean commitRequested() {
        return commitRequested;
    }

    Cancellable schedule(ProcessorNode node, long firstTime, long interval, PunctuationType type, Punctuator punctuator) {
        if (node == null) throw new IllegalStateException("Current node is null");
        return (type == PunctuationType.STREAM_TIME ? streamTimePunctuations : wallClockPunctuations)
                .schedule(node, firstTime, interval, punctuator);
    }

    /** Processes one consumed record: advances stream time, then runs it from its topic's source node down. */
    public void process(String topic, int partition, long offset, byte[] key, byte[] value, long timestamp, Headers headers) {
        requireOpen();
        SourceNode source = topology.source(topic);
        if (source == null) throw new StreamsException("task " + id + " does not consume topic " + topic);
        Record<Object, Object> record = source.deserialize(topic, key, value, timestamp, headers);
        metrics.consumed(topic, key, value, headers);
        metrics.sourceRecord(source.name(), timestamp, streamTime);
        long startNs = metrics.recordsProcessLatency() ? System.nanoTime() : 0L;
        streamTime = Math.max(streamTime, timestamp);
        recordsSinceStoreFlush++;
        context.setRecordContext(new RecordContextImpl(topic, partition, offset, timestamp, headers));
        context.setCurrentNode(source);
        try {
            source.process(record);
            if (startNs != 0L) metrics.processLatency(System.nanoTime() - startNs);
        } catch (RuntimeException e) {
            // name the task, node and input record, as Kafka Streams does; the cause is the processor's own exception
            ProcessorNode failed = context.currentNode();
            throw new StreamsException("Exception caught in process. taskId=" + id + ", processor="
                    + (failed == null ? source.name() : failed.name()) + ", topic=" + topic + ", partition=" + partition
                    + ", offset=" + offset, e);
        } finally {
            context.setCurrentNode(null);
            context.setRecordContext(null);
        }
    }

    public boolean maybePunctuateStreamTime() {
        requireOpen();
        if (streamTime == UNKNOWN) return false;
        return streamTimePunctuations.maybePunctuate(streamTime, this::punctuate);
    }

    public boolean maybePunctuateSystemTime() {
        requireOpen();
        return wallClockPunctuations.maybePunctuate(wallClock.getAsLong(), this::punctuate);
    }

    private void punctuate(ProcessorNode node, long timestamp, Punctuator punctuator) {
        context.setRecordContext(new RecordContextImpl(null, -1, -1, timestamp, new RecordHeaders()));
        context.setCurrentNode(node);
        long startNs = metrics.recordsPunctuate() ? System.nanoTime() : 0L;
        try {
            punctuator.punctuate(timestamp);
            if (startNs != 0L) metrics.punctuated(System.nanoTime() - startNs);
        } catch (RuntimeException e) {
            throw new StreamsException("Exception caught while punctuating processor '" + node.name() + "'", e);
        } finally {
            context.setCurrentNode(null);
            context.setRecordContext(null);
        }
    }

    /**
     * Forwards what the DSL's caches hold. The stores themselves are flushed (RocksDB memtables written out) only
     * every {@value #RECORDS_BETWEEN_STORE_FLUSHES} records and by {@link #flushStores()}: Kafka Streams too flushes
     * stores only when it checkpoints, as a flush per commit would cost a file per store and commit.
     */
    public void commit() {
        requireOpen();
        for (CommitListener listener : commitListeners) {
            // the listener forwards as its node would
            context.setCurrentNode(listener.node());
            try {
                listener.work().run();
            } finally {
                context.setCurrentNode(null);
            }
        }
        commitRequested = false;
        if (recordsSinceStoreFlush >= RECORDS_BETWEEN_STORE_FLUSHES) flushStores();
    }

    /** Makes every store's writes durable in its engine; before a clean close, and now and then on commit. */
    public void flushStores() {
        requireOpen();
        for (StateStore store : stores.values()) store.flush();
        recordsSinceStoreFlush = 0;
    }

    /** Closes the processors, then the stores. Does not commit: callers commit first when closing cleanly. */
    public void close() {
        if (!open) return;
        open = false;
        RuntimeException first = null;
        for (ProcessorNode node : topology.nodes()) {
            context.setCurrentNode(node);
            try {
                node.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        context.setCurrentNode(null);
        for (StateStore store : stores.values()) {
            try {
                store.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (detachedMetrics != null) detachedMetrics.registry().close();
        if (first != null) throw first;
    }

    private void requireOpen() {
        if (!open) throw new IllegalStateException("task " + id + " is not open");
    }

    /** The context every processor of this task gets; the DSL reaches internal hooks through it. */
    public ProcessorContextImpl context() {
        return context;
    }

    /** The task's metrics; a stream thread sets them before {@link #initialize()}, the test driver leaves none. */
    void metrics(TaskMetrics metrics) {
        this.metrics = metrics;
    }

    TaskMetrics metrics() {
        return metrics;
    }

    /**
     * What {@code context.metrics()} returns: the client's registry, or, for a task without one (the test driver's),
     * a registry of the task's own without reporters, so processors that add sensors still run.
     */
    synchronized dev.millrace.streams.StreamsMetrics streamsMetrics() {
        if (metrics.registry() != null) return metrics.registry();
        if (detachedMetrics == null) {
            detachedMetrics = new StreamsMetricsImpl(new org.apache.kafka.common.metrics.Metrics(), applicationId, "");
        }
        return detachedMetrics;
    }

    private java.util.function.Function<String, StateStore> globalStores = name -> null;

    /** Where {@link ProcessorContextImpl#getStateStore} finds global stores, which every processor may read. */
    public void useGlobalStores(java.util.function.Function<String, StateStore> lookup) {
        this.globalStores = lookup;
    }

    StateStore globalStore(String name) {
        return globalStores.apply(name);
    }
}
