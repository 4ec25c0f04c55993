package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.SlidingWindows;
import dev.millrace.streams.kstream.Window;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.ValueAndTimestamp;

import java.util.HashSet;
import java.util.Set;

/**
 * Sliding window aggregation with Kafka Streams' window creation: each record gets a left window
 * {@code [t - d, t]} (holding the records before it within d) and, when some later record is within d, a right window
 * {@code [t + 1, t + 1 + d]}; it updates every existing window containing it, and creates the right window of the
 * previous record if that one is missing and not empty. Records with {@code t < d} land in {@code [0, d]}, since
 * window starts cannot be negative. Stored windows are scanned newest first over {@code [t - 2d, t + 1]}. Null keys
 * and null values are dropped (and counted), as are records whose window closed (stream time minus grace).
 */
final class KStreamSlidingWindowAggregate<K, V, VAgg> implements KStreamAggProcessorSupplier<K, V, Windowed<K>, VAgg> {
    private final SlidingWindows windows;
    private final String storeName;
    private final boolean cachingEnabled;
    private final Initializer<VAgg> initializer;
    private final Aggregator<? super K, ? super V, VAgg> aggregator;
    private final SharedStoreState sharedState;
    private boolean sendOldValues;

    KStreamSlidingWindowAggregate(SlidingWindows windows, String storeName, boolean cachingEnabled,
                                  Initializer<VAgg> initializer, Aggregator<? super K, ? super V, VAgg> aggregator) {
        this(windows, storeName, cachingEnabled, initializer, aggregator, null);
    }

    /** @param sharedState what the processors writing the store (a cogroup's) share per task, or null */
    KStreamSlidingWindowAggregate(SlidingWindows windows, String storeName, boolean cachingEnabled,
                                  Initializer<VAgg> initializer, Aggregator<? super K, ? super V, VAgg> aggregator,
                                  SharedStoreState sharedState) {
        this.sharedState = sharedState;
        this.windows = windows;
        this.storeName = storeName;
        this.cachingEnabled = cachingEnabled;
        this.initializer = initializer;
        this.aggregator = aggregator;
    }

    SlidingWindows windows() {
        return windows;
    }

    @Override
    public void enableSendingOldValues() {
        sendOldValues = true;
    }

    @Override
    public KTableValueGetterSupplier<Windowed<K>, VAgg> view() {
        return new TimeWindowValueGetterSupplier<>(storeName);
    }

    @Override
    public Processor<K, V, Windowed<K>, Change<VAgg>> get() {
        return new SlidingProcessor();
    }

    private final class SlidingProcessor extends WindowAggregateProcessor<K, V, VAgg> {
        private final long d = windows.timeDifferenceMs();

        SlidingProcessor() {
            super(storeName, cachingEnabled, sendOldValues, sharedState);
        }

        @Override
        public void process(Record<K, V> record) {
            if (record.key() == null || record.value() == null) {
                dropped();
                return;
            }
            long t = record.timestamp();
            updateObservedStreamTime(t);
            long closeTime = observedStreamTime - windows.gracePeriodMs();
            if (t + d < closeTime) {
                dropped();
                return;
            }
            if (t < d) processEarly(record, closeTime);
            else processNewestFirst(record, closeTime);
        }

        private void processNewestFirst(Record<K, V> record, long closeTime) {
            long t = record.timestamp();
            Set<Long> starts = new HashSet<>();
            ValueAndTimestamp<VAgg> leftAgg = null;
            ValueAndTimestamp<VAgg> rightAgg = null;
            boolean leftCreated = false;
            boolean rightCreated = false;
            Long previousTimestamp = null;
            try (KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> it =
                         windowStore.backwardFetch(record.key(), record.key(), Math.max(0, t - 2 * d), t + 1)) {
                while (it.hasNext()) {
                    KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> w = it.next();
                    long start = w.key.window().start();
                    starts.add(start);
                    long end = start + d;
                    long maxTimestamp = w.value.timestamp();
                    if (start == t + 1) {
                        rightCreated = true;
                    } else if (end > t) {
                        if (rightAgg == null) rightAgg = w.value;
                        update(w.key.window(), w.value, true, record, closeTime);
                    } else if (end == t) {
                        leftCreated = true;
                        update(w.key.window(), w.value, true, record, closeTime);
                        if (maxTimestamp < t) {
                            previousTimestamp = maxTimestamp;
                        } else {
                            return; // a record at t was seen before: every window it needs exists
                        }
                    } else {
                        leftAgg = w.value;
                        previousTimestamp = maxTimestamp;
                        break;
                    }
                }
            }
            createWindows(record, closeTime, starts, rightAgg, leftAgg, leftCreated, rightCreated, previousTimestamp);
        }

        private void processEarly(Record<K, V> record, long closeTime) {
            long t = record.timestamp();
            KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> combined = null;
            ValueAndTimestamp<VAgg> rightAgg = null;
            boolean rightCreated = false;
            Set<Long> starts = new HashSet<>();
            Long previousTimestamp = null;
            try (KeyValueIterator<Windowed<K>, ValueAndTimestamp<VAgg>> it =
                         windowStore.fetch(record.key(), record.key(), 0, t + 1)) {
                while (it.hasNext()) {
                    KeyValue<Windowed<K>, ValueAndTimestamp<VAgg>> w = it.next();
                    long start = w.key.window().start();
                    starts.add(start);
                    if (start == 0) {
                        combined = w;
                        if (w.value.timestamp() < t) previousTimestamp = w.value.timestamp();
                    } else if (start <= t) {
                        rightAgg = w.value;
                        update(w.key.window(), w.value, true, record, closeTime);
                    } else {
                        rightCreated = true; // start == t + 1
                    }
                }
            }
            if (rightAgg == null && combined != null && combined.value.timestamp() > t) rightAgg = combined.value;
            if (!rightCreated && rightAgg != null && rightAgg.timestamp() > t) createOwnRightWindow(t, rightAgg, record);
            if (previousTimestamp != null && !starts.contains(previousTimestamp + 1)) {
                createPreviousRightWindow(previousTimestamp + 1, record, closeTime);
            }
            if (combined == null) {
                update(new TimeWindow(0, d), ValueAndTimestamp.make(initializer.apply(), t), false, record, closeTime);
            } else {
                update(combined.key.window(), combined.value, true, record, closeTime);
            }
        }

        private void createWindows(Record<K, V> record, long closeTime, Set<Long> starts, ValueAndTimestamp<VAgg> rightAgg,
                                   ValueAndTimestamp<VAgg> leftAgg, boolean leftCreated, boolean rightCreated,
                                   Long previousTimestamp) {
            long t = record.timestamp();
            if (previousTimestamp != null) {
                long previousRightStart = previousTimestamp + 1;
                if (!starts.contains(previousRightStart) && previousRightStart + d >= t) {
                    createPreviousRightWindow(previousRightStart, record, closeTime);
                }
            }
            if (!leftCreated) {
                boolean leftNotEmpty = previousTimestamp != null && t - d <= previousTimestamp;
                ValueAndTimestamp<VAgg> base = ValueAndTimestamp.make(leftNotEmpty ? leftAgg.value() : initializer.apply(), t);
                update(new TimeWindow(t - d, t), base, false, record, closeTime);
            }
            if (!rightCreated && rightAgg != null && rightAgg.timestamp() > t) createOwnRightWindow(t, rightAgg, record);
        }

        /** The record's right window holds the later records of the window it is in, not the record itself. */
        private void createOwnRightWindow(long t, ValueAndTimestamp<VAgg> rightAgg, Record<K, V> record) {
            TimeWindow window = new TimeWindow(t + 1, t + 1 + d);
            windowStore.put(record.key(), rightAgg, window.start());
            forward(record, window, null, rightAgg.value(), rightAgg.timestamp(), null);
        }

        private void createPreviousRightWindow(long start, Record<K, V> record, long closeTime) {
            update(new TimeWindow(start, start + d), ValueAndTimestamp.make(initializer.apply(), record.timestamp()),
                    false, record, closeTime);
        }

        /** @param stored whether {@code valueAndTime} is the window's value in the store (else a new window's base) */
        private void update(Window window, ValueAndTimestamp<VAgg> valueAndTime, boolean stored, Record<K, V> record,
                            long closeTime) {
            if (window.end() < closeTime) {
                dropped();
                return;
            }
            VAgg oldAgg = ValueAndTimestamp.getValueOrNull(valueAndTime);
            VAgg newAgg = aggregator.apply(record.key(), record.value(), oldAgg);
            long newTimestamp = oldAgg == null ? record.timestamp() : Math.max(record.timestamp(), valueAndTime.timestamp());
            windowStore.put(record.key(), ValueAndTimestamp.make(newAgg, newTimestamp), window.start());
            forward(record, window, oldAgg, newAgg, newTimestamp, stored ? oldAgg : null);
        }
    }
}
