package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.processor.internals.metrics.StreamsMetricsImpl;
import dev.millrace.streams.processor.internals.metrics.TaskMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link StreamTask} as a stream thread runs it: the records fetched for each of its input partitions, processed in
 * timestamp order across partitions (the smallest head first), and the offsets to commit (next offset to read per
 * partition processed since the last commit).
 */
final class ActiveTask {
    private final StreamTask task;
    private final TaskStateStoreContext storeContext;
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> queues = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> uncommitted = new HashMap<>();
    /** What the last {@link #processBuffered()} spent processing and punctuating, for the thread's metrics. */
    private long lastProcessNs;
    private long lastPunctuateNs;
    private int lastPunctuations;

    ActiveTask(StreamTask task, TaskStateStoreContext storeContext, Set<TopicPartition> inputs) {
        this.task = task;
        this.storeContext = storeContext;
        for (TopicPartition tp : inputs) queues.put(tp, new ArrayDeque<>());
        storeContext.recordContextFrom(() -> task.context().currentRecordContext());
    }

    TaskId id() {
        return task.id();
    }

    StreamTask task() {
        return task;
    }

    Set<TopicPartition> inputs() {
        return queues.keySet();
    }

    void add(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records) {
        queues.get(tp).addAll(records);
    }

    /** Drops fetched records not yet processed: after a rebalance the consumer fetches again from committed offsets. */
    void clearBuffered() {
        for (ArrayDeque<ConsumerRecord<byte[], byte[]>> q : queues.values()) q.clear();
    }

    /** Processes every buffered record, the smallest timestamp among partition heads first; returns how many. */
    int processBuffered() {
        long startNs = System.nanoTime();
        int n = 0;
        ArrayDeque<ConsumerRecord<byte[], byte[]>> next;
        while ((next = smallestHead()) != null) {
            ConsumerRecord<byte[], byte[]> r = next.poll();
            task.process(r.topic(), r.partition(), r.offset(), r.key(), r.value(), r.timestamp(), r.headers());
            uncommitted.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
            n++;
        }
        long processedNs = System.nanoTime();
        int punctuations = 0;
        if (n > 0 && task.maybePunctuateStreamTime()) punctuations++;
        if (task.maybePunctuateSystemTime()) punctuations++;
        lastProcessNs = processedNs - startNs;
        lastPunctuateNs = System.nanoTime() - processedNs;
        lastPunctuations = punctuations;
        return n;
    }

    private ArrayDeque<ConsumerRecord<byte[], byte[]>> smallestHead() {
        ArrayDeque<ConsumerRecord<byte[], byte[]>> best = null;
        for (ArrayDeque<ConsumerRecord<byte[], byte[]>> q : queues.values()) {
            if (!q.isEmpty() && (best == null || q.peek().timestamp() < best.peek().timestamp())) best = q;
        }
        return best;
    }

    /**
     * First half of a commit: caches forward, stores flush (changelog producer flushed, then {@code .checkpoint}).
     * Returns the input offsets to commit once the thread's producer has flushed the output too.
     */
    Map<TopicPartition, OffsetAndMetadata> prepareCommit() {
        task.commit();
        task.flushStores();
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> e : uncommitted.entrySet()) out.put(e.getKey(), new OffsetAndMetadata(e.getValue()));
        return out;
    }

    void committed() {
        uncommitted.clear();
    }

    boolean commitNeeded() {
        return !uncommitted.isEmpty() || task.commitRequested();
    }

    /** Closes processors and stores; the stream thread's clients stay open. */
    void close() {
        try {
            task.close();
        } finally {
            try {
                storeContext.close();
            } finally {
                task.metrics().close();
            }
        }
    }

    /** Registers the task's and its source and terminal nodes' metrics; before the task initializes. */
    TaskMetrics enableMetrics(StreamsMetricsImpl registry, String threadId) {
        Map<String, String> sourceNodeByTopic = new LinkedHashMap<>();
        for (TopicPartition tp : queues.keySet()) sourceNodeByTopic.put(tp.topic(), task.topology().source(tp.topic()).name());
        List<String> terminals = new ArrayList<>();
        for (ProcessorNode node : task.topology().nodes()) {
            if (!(node instanceof SourceNode) && node.isTerminal()) terminals.add(node.name());
        }
        TaskMetrics metrics = new TaskMetrics(registry, threadId, id().toString(), sourceNodeByTopic, terminals);
        for (ProcessorNode node : task.topology().nodes()) {
            // static sink topics are known now; an extractor's appear with their first record
            if (node instanceof SinkNode sink && sink.topic() != null) metrics.registerProduced(sink.name(), task.physicalTopic(sink.topic()));
        }
        task.metrics(metrics);
        return metrics;
    }

    long lastProcessNs() {
        return lastProcessNs;
    }

    long lastPunctuateNs() {
        return lastPunctuateNs;
    }

    int lastPunctuations() {
        return lastPunctuations;
    }

    /** After the thread's process pass: this task's share of the processing time and what it still buffers. */
    void recordProcessPass(long allTasksProcessNs, long nowMs) {
        int buffered = 0;
        for (ArrayDeque<ConsumerRecord<byte[], byte[]>> q : queues.values()) buffered += q.size();
        task.metrics().processPass(allTasksProcessNs <= 0 ? 0.0 : lastProcessNs / (double) allTasksProcessNs, buffered, nowMs);
    }
}
