package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.processor.api.ProcessorContext;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What processors writing one store (a cogroup's aggregations) share per task, because in Kafka Streams it belongs to
 * the store: the record cache, so that updates of a key made by different streams coalesce into one forward when the
 * cache writes them down, with the value last forwarded as old value (one {@link TimestampedTupleForwarder}); and
 * the store's stream time, which every writer moves. A task made again (after a rebalance) has a new context and
 * gets new state in place of its old one.
 */
final class SharedStoreState {
    /** A store's stream time as its writers have moved it. */
    static final class StreamTime {
        private long value = -1;

        long get() {
            return value;
        }

        void advance(long time) {
            value = Math.max(value, time);
        }
    }

    private static final class Entry {
        final ProcessorContext<?, ?> context;
        final StreamTime storeStreamTime = new StreamTime();
        TimestampedTupleForwarder<?, ?> forwarder;

        Entry(ProcessorContext<?, ?> context) {
            this.context = context;
        }
    }

    private final Map<TaskId, Entry> byTask = new HashMap<>();

    private synchronized Entry entry(ProcessorContext<?, ?> context) {
        Entry e = byTask.get(context.taskId());
        if (e == null || e.context != context) {
            e = new Entry(context);
            byTask.put(context.taskId(), e);
        }
        return e;
    }

    /** The forwarder of the processor's task: {@code shared}'s if given, else a new one of its own. */
    @SuppressWarnings("unchecked")
    static <K, V> TimestampedTupleForwarder<K, V> forwarder(SharedStoreState shared, ProcessorContext<K, Change<V>> context,
                                                            Supplier<TimestampedTupleForwarder<K, V>> create) {
        if (shared == null) return create.get();
        Entry e = shared.entry(context);
        synchronized (shared) {
            if (e.forwarder == null) e.forwarder = create.get();
            return (TimestampedTupleForwarder<K, V>) e.forwarder;
        }
    }

    /** The store's stream time for the processor's task: {@code shared}'s if given, else one of its own. */
    static StreamTime storeStreamTime(SharedStoreState shared, ProcessorContext<?, ?> context) {
        return shared == null ? new StreamTime() : shared.entry(context).storeStreamTime;
    }
}
