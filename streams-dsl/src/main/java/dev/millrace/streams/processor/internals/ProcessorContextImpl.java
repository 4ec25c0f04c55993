package dev.millrace.streams.processor.internals;

import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.Cancellable;
import dev.millrace.streams.processor.PunctuationType;
import dev.millrace.streams.processor.RecordContext;
import dev.millrace.streams.processor.Punctuator;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.processor.api.FixedKeyProcessorContext;
import dev.millrace.streams.processor.api.FixedKeyRecord;
import dev.millrace.streams.processor.api.InternalFixedKeyRecordFactory;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.api.RecordMetadata;
import org.apache.kafka.common.serialization.Serde;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one context of a task, shared by its processors: it tracks which node is running, so forwarding goes to that
 * node's children and store access is checked against that node's connected stores.
 */
public final class ProcessorContextImpl implements ProcessorContext<Object, Object>, FixedKeyProcessorContext<Object, Object> {
    private final StreamTask task;
    private ProcessorNode currentNode;
    private RecordContextImpl recordContext;

    ProcessorContextImpl(StreamTask task) {
        this.task = task;
    }

    StreamTask task() {
        return task;
    }

    ProcessorNode currentNode() {
        return currentNode;
    }

    void setCurrentNode(ProcessorNode node) {
        currentNode = node;
    }

    RecordContextImpl recordContext() {
        return recordContext;
    }

    void setRecordContext(RecordContextImpl recordContext) {
        this.recordContext = recordContext;
    }

    /** What a topic name extractor sees: where the record came from, with the record's own timestamp and headers. */
    RecordContextImpl recordContextFor(Record<?, ?> record) {
        RecordContextImpl c = recordContext;
        return new RecordContextImpl(c == null ? null : c.topic(), c == null ? -1 : c.partition(),
                c == null ? -1 : c.offset(), record.timestamp(), record.headers());
    }

    /** Where the record being processed came from; the DSL's caches keep it to forward with later. */
    public RecordContext currentRecordContext() {
        return recordContext;
    }

    /**
     * Forwards as if {@code origin} were the record being processed: a cache flush forwards each update with the
     * context of the input record that made it, as Kafka Streams does.
     */
    public <K, V> void forwardFrom(RecordContext origin, Record<K, V> record) {
        RecordContextImpl saved = recordContext;
        recordContext = (RecordContextImpl) origin;
        try {
            forward(record);
        } finally {
            recordContext = saved;
        }
    }

    /**
     * Registers work to run at every commit before the stores flush: the DSL's record caches forward their coalesced
     * updates downstream there. Runs in registration order.
     */
    public void registerCommitListener(Runnable listener) {
        task.registerCommitListener(listener, currentNode);
    }

    /**
     * Wraps work so that it runs as the current node (the one calling this, in its init) whichever node is running
     * when it is called: a store cache's eviction, which another processor's write may cause, forwards as the node
     * that owns the cached updates, as Kafka Streams' cache flush listeners do.
     */
    public Runnable asCurrentNode(Runnable work) {
        ProcessorNode node = currentNode;
        return () -> {
            ProcessorNode saved = currentNode;
            currentNode = node;
            try {
                work.run();
            } finally {
                currentNode = saved;
            }
        };
    }

    /** Counts a record the current processor dropped, as Kafka Streams' dropped-records sensor does. */
    public void recordDroppedRecord() {
        task.recordDropped();
    }

    Serde<?> defaultKeySerde() {
        return task.config().defaultKeySerde();
    }

    Serde<?> defaultValueSerde() {
        return task.config().defaultValueSerde();
    }

    @Override
    public String applicationId() {
        return task.applicationId();
    }

    @Override
    public TaskId taskId() {
        return task.id();
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
        return recordContext == null || recordContext.topic() == null ? Optional.empty() : Optional.of(recordContext);
    }

    @Override
    public Serde<?> keySerde() {
        return task.config().defaultKeySerdeOrNull();
    }

    @Override
    public Serde<?> valueSerde() {
        return task.config().defaultValueSerdeOrNull();
    }

    @Override
    public File stateDir() {
        return task.stateDir();
    }

    @SuppressWarnings("unchecked")
    @Override
    public <S extends StateStore> S getStateStore(String name) {
        if (currentNode == null) throw new StreamsException("Accessing from an unknown node");
        StateStore global = task.globalStore(name);
        if (global != null) return (S) global;
        if (!task.topology().storesOf(currentNode.name()).contains(name)) {
            throw new StreamsException("Processor " + currentNode.name() + " has no access to StateStore " + name
                    + ": the store is not connected to it. Connect it with addStateStore(builder, processorName), "
                    + "connectProcessorAndStateStores, the store names given to process()/processValues(), or the "
                    + "supplier's stores().");
        }
        return (S) task.store(name);
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        long ms = checkInterval(interval);
        return task.schedule(currentNode, type == PunctuationType.STREAM_TIME ? 0L : task.wallClockMs() + ms, ms, type, callback);
    }

    @Override
    public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
        long ms = checkInterval(interval);
        return task.schedule(currentNode, startTime.toEpochMilli(), ms, type, callback);
    }

    private static long checkInterval(Duration interval) {
        long ms = interval.toMillis();
        if (ms < 1) throw new IllegalArgumentException("The minimum supported scheduling interval is 1 millisecond.");
        return ms;
    }

    @Override
    public void commit() {
        task.requestCommit();
    }

    @Override
    public Map<String, Object> appConfigs() {
        return task.config().originals();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        Map<String, Object> out = new HashMap<>();
        for (Map.Entry<String, Object> e : task.config().originals().entrySet()) {
            if (e.getKey().startsWith(prefix)) out.put(e.getKey().substring(prefix.length()), e.getValue());
        }
        return out;
    }

    @Override
    public long currentSystemTimeMs() {
        return task.wallClockMs();
    }

    @Override
    public long currentStreamTimeMs() {
        return task.streamTime();
    }

    @SuppressWarnings("unchecked")
    @Override
    public <K, V> void forward(Record<K, V> record) {
        ProcessorNode from = currentNode;
        for (ProcessorNode child : from.children()) forwardTo(child, (Record<Object, Object>) record);
        currentNode = from;
    }

    @SuppressWarnings("unchecked")
    @Override
    public <K, V> void forward(Record<K, V> record, String childName) {
        ProcessorNode from = currentNode;
        ProcessorNode child = from.child(childName);
        if (child == null) throw new StreamsException("Unknown downstream node: " + childName
                + " either does not exist or is not connected to this processor.");
        forwardTo(child, (Record<Object, Object>) record);
        currentNode = from;
    }

    @Override
    public <K, V> void forward(FixedKeyRecord<K, V> record) {
        forward(InternalFixedKeyRecordFactory.toRecord(record));
    }

    @Override
    public <K, V> void forward(FixedKeyRecord<K, V> record, String childName) {
        forward(InternalFixedKeyRecordFactory.toRecord(record), childName);
    }

    private void forwardTo(ProcessorNode child, Record<Object, Object> record) {
        RecordContextImpl saved = recordContext;
        recordContext = recordContextFor(record);
        currentNode = child;
        try {
            child.process(record);
            if (child.isTerminal()) task.metrics().terminalRecord(child.name(), record.timestamp());
        } finally {
            recordContext = saved;
        }
    }

    @Override
    public dev.millrace.streams.StreamsMetrics metrics() {
        return task.streamsMetrics();
    }

    /**
     * Registers the current node's {@code window-aggregate-final-emit} metrics, which Kafka Streams' windowed
     * aggregations have whatever their emit strategy; they stay at zero here, where windowed aggregations emit eagerly.
     */
    public void registerEmitFinalMetrics() {
        task.metrics().registerEmitFinalMetrics(currentNode.name());
    }
}
