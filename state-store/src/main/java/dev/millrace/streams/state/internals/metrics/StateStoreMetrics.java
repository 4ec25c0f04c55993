package dev.millrace.streams.state.internals.metrics;

import dev.millrace.streams.processor.RecordContext;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.processor.internals.metrics.MetricsScope;
import dev.millrace.streams.processor.internals.metrics.StreamsMetricsImpl;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.WindowStoreIterator;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.Sensor.RecordingLevel;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code stream-state-metrics} of one store, tagged {@code thread-id}, {@code task-id} and
 * {@code <metrics scope>-state-id} (e.g. {@code rocksdb-state-id}): per operation {@code <op>-rate} and
 * {@code <op>-latency-avg/max} in nanoseconds (DEBUG), {@code record-e2e-latency-avg/min/max} of puts (TRACE), and the
 * open iterators' count, age and lifetime (DEBUG). A store that runs without a metrics registry (the test driver, a
 * standalone store) gets {@link #NONE}, which records nothing.
 *
 * <p>Recording is a pair of calls around the operation, {@link #start} and {@link #end}, so the hot path allocates
 * nothing and reads the clock only when the operation's sensor records at the configured level.
 */
public final class StateStoreMetrics implements AutoCloseable {
    /** The operations a store measures, each named as Kafka Streams' metric prefix. */
    public enum Op {
        PUT("put"), PUT_IF_ABSENT("put-if-absent"), PUT_ALL("put-all"), GET("get"), FETCH("fetch"), DELETE("delete"),
        REMOVE("remove"), RANGE("range"), ALL("all"), PREFIX_SCAN("prefix-scan"), FLUSH("flush"), RESTORE("restore");

        final String metric;

        Op(String metric) {
            this.metric = metric;
        }
    }

    /** What a key-value store measures. */
    public static final Set<Op> KEY_VALUE_OPS = EnumSet.of(Op.PUT, Op.PUT_IF_ABSENT, Op.PUT_ALL, Op.GET, Op.DELETE,
            Op.RANGE, Op.ALL, Op.PREFIX_SCAN, Op.FLUSH, Op.RESTORE);
    /** What a window store measures: every read is a fetch. */
    public static final Set<Op> WINDOW_OPS = EnumSet.of(Op.PUT, Op.FETCH, Op.FLUSH, Op.RESTORE);
    /** What a session store measures. */
    public static final Set<Op> SESSION_OPS = EnumSet.of(Op.PUT, Op.REMOVE, Op.FETCH, Op.FLUSH, Op.RESTORE);

    public static final StateStoreMetrics NONE = new StateStoreMetrics();

    private final MetricsScope scope;
    private final Sensor[] sensors = new Sensor[Op.values().length];
    private final Sensor e2eLatency;
    private final Sensor iteratorDuration;
    private final Map<Object, OpenIterator> openIterators = new ConcurrentHashMap<>();

    private StateStoreMetrics() {
        scope = null;
        e2eLatency = null;
        iteratorDuration = null;
    }

    private StateStoreMetrics(StreamsMetricsImpl registry, String taskId, String storeType, String storeName, Set<Op> ops) {
        // a store opens on the stream thread that runs its task, as in Kafka Streams
        scope = registry.storeScope(Thread.currentThread().getName(), taskId, storeType, storeName);
        for (Op op : ops) {
            Sensor s = scope.sensor(op.metric, RecordingLevel.DEBUG);
            String calls = op == Op.RESTORE ? "restorations" : "calls to " + op.metric;
            scope.addInvocationRate(s, op.metric, "The average number of " + calls + " per second");
            scope.addAvgAndMax(s, op.metric + StreamsMetricsImpl.LATENCY_SUFFIX, "The average latency of " + calls,
                    "The maximum latency of " + calls);
            sensors[op.ordinal()] = s;
        }
        e2eLatency = scope.sensor(StreamsMetricsImpl.RECORD_E2E_LATENCY, RecordingLevel.TRACE);
        scope.addAvgMinAndMax(e2eLatency, StreamsMetricsImpl.RECORD_E2E_LATENCY,
                StreamsMetricsImpl.RECORD_E2E_LATENCY_AVG_DESCRIPTION, StreamsMetricsImpl.RECORD_E2E_LATENCY_MIN_DESCRIPTION,
                StreamsMetricsImpl.RECORD_E2E_LATENCY_MAX_DESCRIPTION);
        scope.gauge("num-open-iterators", "The current number of iterators on the store that have been created, but not yet closed",
                RecordingLevel.DEBUG, (config, now) -> openIterators.size());
        iteratorDuration = scope.sensor("iterator-duration", RecordingLevel.DEBUG);
        scope.addAvgAndMax(iteratorDuration, "iterator-duration",
                "The average time spent between creating an iterator and closing it, in nanoseconds",
                "The maximum time spent between creating an iterator and closing it, in nanoseconds");
        scope.gauge("oldest-iterator-open-since-ms", "The UNIX timestamp the oldest still open iterator was created, in milliseconds",
                RecordingLevel.DEBUG, (config, now) -> openIterators.values().stream().mapToLong(OpenIterator::sinceMs).min().orElse(0L));
    }

    /**
     * The metrics of a store opening with {@code context}: {@link #NONE} unless the context carries the runtime's
     * registry and the store knows its metrics scope.
     */
    public static StateStoreMetrics open(StateStoreContext context, String storeType, String storeName, Set<Op> ops) {
        if (storeType == null || !(context.metrics() instanceof StreamsMetricsImpl registry)) return NONE;
        return new StateStoreMetrics(registry, context.taskId().toString(), storeType, storeName, ops);
    }

    /**
     * {@link #open}, then {@code initInner}: opening the inner store restores it from its changelog, which Kafka
     * Streams measures as the store's restore latency. A failed open removes the metrics again.
     */
    public static StateStoreMetrics openMeasuringRestore(StateStoreContext context, String storeType, String storeName,
                                                         Set<Op> ops, Runnable initInner) {
        StateStoreMetrics metrics = open(context, storeType, storeName, ops);
        long start = metrics.start(Op.RESTORE);
        try {
            initInner.run();
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        metrics.end(Op.RESTORE, start);
        return metrics;
    }

    /** The start of an operation: a nanosecond clock reading, or 0 when its sensor does not record. */
    public long start(Op op) {
        Sensor s = sensors[op.ordinal()];
        return s != null && s.shouldRecord() ? System.nanoTime() : 0L;
    }

    public void end(Op op, long startNs) {
        if (startNs != 0L) sensors[op.ordinal()].record(System.nanoTime() - startNs);
    }

    /** End-to-end latency of the record being written: now minus its timestamp, as Kafka Streams measures it. */
    public void recordE2ELatency(StateStoreContext context) {
        if (e2eLatency == null || !e2eLatency.shouldRecord()) return;
        RecordContext recordContext = context.recordContext();
        if (recordContext != null) {
            long now = System.currentTimeMillis();
            e2eLatency.record(now - recordContext.timestamp(), now);
        }
    }

    /** {@code it}, made by {@code op} started at {@code startNs}, measured until it closes. */
    public <K, V> KeyValueIterator<K, V> iterator(Op op, long startNs, KeyValueIterator<K, V> it) {
        return scope == null ? it : new MeteredIterator<>(it, this, op, startNs);
    }

    public <V> WindowStoreIterator<V> iterator(Op op, long startNs, WindowStoreIterator<V> it) {
        return scope == null ? it : new MeteredIterator.Window<>(it, this, op, startNs);
    }

    /** An iterator of the store opened; {@link #iteratorClosed} with the same iterator when it closes. */
    void iteratorOpened(Object iterator) {
        if (scope != null) openIterators.put(iterator, new OpenIterator(System.currentTimeMillis(), System.nanoTime()));
    }

    void iteratorClosed(Object iterator) {
        if (scope == null) return;
        OpenIterator open = openIterators.remove(iterator);
        if (open != null && iteratorDuration.shouldRecord()) iteratorDuration.record(System.nanoTime() - open.sinceNs());
    }

    private record OpenIterator(long sinceMs, long sinceNs) {
    }

    /** Removes the store's metrics; when its task closes. */
    @Override
    public void close() {
        if (scope != null) scope.close();
    }
}
