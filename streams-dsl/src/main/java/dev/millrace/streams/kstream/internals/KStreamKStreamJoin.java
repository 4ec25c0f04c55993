package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.ValueJoinerWithKey;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.internals.ProcessorContextImpl;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.WindowStore;
import dev.millrace.streams.state.WindowStoreIterator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Map;

/**
 * One side of a stream-stream join ({@code KSTREAM-JOINTHIS}, {@code -JOINOTHER}, {@code -OUTERTHIS},
 * {@code -OUTEROTHER}), with Kafka Streams' semantics. A record with a key and a value joins every record of the other
 * side's window store with the same key within the window (timestamp of the result: the larger of the two); records
 * with a null key or value are dropped, except that the outer side of a left/outer join passes a null-keyed record on
 * at once with a null partner.
 *
 * <p>A record of an outer side that joined nothing waits in the shared {@link OuterJoinBuffer} until its window plus
 * grace has closed in the join's stream time, then leaves with a null partner, unless a later record of the other side
 * joined it meanwhile (which removes it). A record already too old to wait is emitted at once. The buffer is scanned
 * only when a record advances stream time, at most once per emit interval of wall-clock time (see
 * {@link StreamJoinTimeTracker}). Without the buffer (Kafka's deprecated {@code JoinWindows.of}) results are eager.
 */
final class KStreamKStreamJoin<K, VLeft, VRight, VOut> implements ProcessorSupplier<K, Object, K, VOut> {
    private final boolean thisIsLeft;
    private final String otherWindowName;
    private final long joinBeforeMs;
    private final long joinAfterMs;
    private final long windowsBeforeMs;
    private final long windowsAfterMs;
    private final long graceMs;
    private final boolean outer;
    private final String outerStoreName;
    private final ValueJoinerWithKey<? super K, ? super VLeft, ? super VRight, ? extends VOut> joiner;
    private final StreamJoinedInternal<K, VLeft, VRight> serdes;
    private final StreamJoinTimeTracker.PerTask trackers;

    /**
     * @param outerStoreName the shared store of a left/outer join with the spurious-results fix, else null
     */
    KStreamKStreamJoin(boolean thisIsLeft, String otherWindowName, long windowsBeforeMs, long windowsAfterMs, long graceMs,
                       boolean outer, String outerStoreName,
                       ValueJoinerWithKey<? super K, ? super VLeft, ? super VRight, ? extends VOut> joiner,
                       StreamJoinedInternal<K, VLeft, VRight> serdes, StreamJoinTimeTracker.PerTask trackers) {
        this.thisIsLeft = thisIsLeft;
        this.otherWindowName = otherWindowName;
        this.windowsBeforeMs = windowsBeforeMs;
        this.windowsAfterMs = windowsAfterMs;
        // the other side's records count as joined from before to after this record's timestamp; mirrored for the right
        this.joinBeforeMs = thisIsLeft ? windowsBeforeMs : windowsAfterMs;
        this.joinAfterMs = thisIsLeft ? windowsAfterMs : windowsBeforeMs;
        this.graceMs = graceMs;
        this.outer = outer;
        this.outerStoreName = outerStoreName;
        this.joiner = joiner;
        this.serdes = serdes;
        this.trackers = trackers;
    }

    @Override
    public Processor<K, Object, K, VOut> get() {
        return new JoinProcessor();
    }

    private final class JoinProcessor extends ContextualProcessor<K, Object, K, VOut> {
        private WindowStore<K, Object> otherWindow;
        private OuterJoinBuffer<K, VLeft, VRight> buffer;
        private StreamJoinTimeTracker tracker;

        @Override
        public void init(ProcessorContext<K, VOut> context) {
            super.init(context);
            otherWindow = context.getStateStore(otherWindowName);
            tracker = trackers.get(context.taskId());
            if (outerStoreName != null) {
                KeyValueStore<Bytes, byte[]> store = context.getStateStore(outerStoreName);
                buffer = new OuterJoinBuffer<>(store, orDefault(serdes.keySerde(), context.keySerde()),
                        orDefault(serdes.valueSerde(), context.valueSerde()),
                        orDefault(serdes.otherValueSerde(), context.valueSerde()));
                tracker.emitIntervalMs = emitInterval(context.appConfigs());
            }
        }

        @Override
        public void process(Record<K, Object> record) {
            long timestamp = record.timestamp();
            tracker.advanceStreamTime(timestamp);
            if (outer && record.key() == null && record.value() != null) {
                context().forward(record.withValue(join(record.key(), record.value(), null)));
                return;
            }
            if (record.key() == null || record.value() == null) {
                ((ProcessorContextImpl) (Object) context()).recordDroppedRecord();
                return;
            }
            if (buffer != null && timestamp == tracker.streamTime) emitClosedOuterRecords(record);

            long timeFrom = Math.max(0L, timestamp - joinBeforeMs);
            long timeTo = Math.max(0L, timestamp + joinAfterMs);
            try (WindowStoreIterator<Object> others = otherWindow.fetch(record.key(), timeFrom, timeTo)) {
                boolean needOuterJoin = outer && !others.hasNext();
                while (others.hasNext()) {
                    KeyValue<Long, Object> other = others.next();
                    if (buffer != null) buffer.removeIfPresent(record.key(), other.key, !thisIsLeft);
                    context().forward(record.withValue(join(record.key(), record.value(), other.value))
                            .withTimestamp(Math.max(timestamp, other.key)));
                }
                if (needOuterJoin) {
                    // a record whose window has already closed (it came late) cannot be joined any more: emit it now
                    if (buffer == null || timeTo < tracker.streamTime) {
                        context().forward(record.withValue(join(record.key(), record.value(), null)));
                    } else {
                        tracker.updateMinTime(timestamp);
                        buffer.add(record.key(), timestamp, thisIsLeft, record.value());
                    }
                }
            }
        }

        /** Emits, oldest first, the waiting records whose window plus grace has closed, and forgets them. */
        private void emitClosedOuterRecords(Record<K, Object> record) {
            if (tracker.minTime + joinAfterMs + graceMs >= tracker.streamTime) return; // nothing can have closed
            long now = context().currentSystemTimeMs();
            if (now < tracker.nextTimeToEmit) return;
            tracker.nextTimeToEmit = now + tracker.emitIntervalMs;
            tracker.minTime = Long.MAX_VALUE;
            try (KeyValueIterator<Bytes, byte[]> it = buffer.rawIterator()) {
                Bytes emittedKey = null;
                boolean leftOpen = false;
                boolean rightOpen = false;
                scan:
                while (it.hasNext()) {
                    for (OuterJoinBuffer.Entry<K, VLeft, VRight> e : buffer.decode(it.next())) {
                        tracker.minTime = e.timestamp();
                        if (leftOpen && rightOpen) break scan; // later entries are younger on both sides
                        long lookBack = e.leftSide() ? windowsAfterMs : windowsBeforeMs;
                        if (tracker.minTime + lookBack + graceMs >= tracker.streamTime) {
                            if (e.leftSide()) leftOpen = true;
                            else rightOpen = true;
                            continue;
                        }
                        context().forward(record.withKey(e.key())
                                .withValue(joiner.apply(e.key(), e.leftValue(), e.rightValue()))
                                .withTimestamp(e.timestamp()));
                        // delete an entry only once all its records are out, so a failure cannot lose the rest
                        if (emittedKey != null && !emittedKey.equals(e.rawKey())) buffer.delete(emittedKey);
                        emittedKey = e.rawKey();
                    }
                }
                if (emittedKey != null) buffer.delete(emittedKey);
            }
        }

        @SuppressWarnings("unchecked")
        private VOut join(K key, Object thisValue, Object otherValue) {
            return thisIsLeft
                    ? joiner.apply(key, (VLeft) thisValue, (VRight) otherValue)
                    : joiner.apply(key, (VLeft) otherValue, (VRight) thisValue);
        }

        @Override
        public void close() {
            trackers.remove(context().taskId());
        }
    }

    private static long emitInterval(Map<String, Object> configs) {
        Object v = configs.get(StreamJoinTimeTracker.EMIT_INTERVAL_CONFIG);
        if (v == null) return 1000L;
        return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
    }

    @SuppressWarnings("unchecked")
    private static <T> Serde<T> orDefault(Serde<T> serde, Serde<?> fallback) {
        return serde != null ? serde : (Serde<T>) fallback;
    }
}
