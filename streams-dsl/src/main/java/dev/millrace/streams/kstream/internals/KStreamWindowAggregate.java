package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.Window;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.Windows;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.ValueAndTimestamp;

import java.util.Map;

/**
 * Tumbling and hopping window aggregation: a record updates each window containing its timestamp whose end is still
 * after stream time minus grace; for a window already closed it is dropped (and counted). A null key is dropped; a
 * null value is passed to the aggregator, as Kafka Streams does. Each window's value carries the largest timestamp of
 * its records, which is the timestamp forwarded.
 */
final class KStreamWindowAggregate<K, V, VAgg, W extends Window> implements KStreamAggProcessorSupplier<K, V, Windowed<K>, VAgg> {
    private final Windows<W> windows;
    private final String storeName;
    private final boolean cachingEnabled;
    private final Initializer<VAgg> initializer;
    private final Aggregator<? super K, ? super V, VAgg> aggregator;
    private final SharedStoreState sharedState;
    private boolean sendOldValues;

    KStreamWindowAggregate(Windows<W> windows, String storeName, boolean cachingEnabled, Initializer<VAgg> initializer,
                           Aggregator<? super K, ? super V, VAgg> aggregator) {
        this(windows, storeName, cachingEnabled, initializer, aggregator, null);
    }

    /** @param sharedState what the processors writing the store (a cogroup's) share per task, or null */
    KStreamWindowAggregate(Windows<W> windows, String storeName, boolean cachingEnabled, Initializer<VAgg> initializer,
                           Aggregator<? super K, ? super V, VAgg> aggregator, SharedStoreState sharedState) {
        this.sharedState = sharedState;
        this.windows = windows;
        this.storeName = storeName;
        this.cachingEnabled = cachingEnabled;
        this.initializer = initializer;
        this.aggregator = aggregator;
    }

    Windows<W> windows() {
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
        return new WindowAggregateProcessor<K, V, VAgg>(storeName, cachingEnabled, sendOldValues, sharedState) {
            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null) {
                    dropped();
                    return;
                }
                long timestamp = record.timestamp();
                updateObservedStreamTime(timestamp);
                long closeTime = observedStreamTime - windows.gracePeriodMs();
                for (Map.Entry<Long, W> entry : windows.windowsFor(timestamp).entrySet()) {
                    long start = entry.getKey();
                    if (entry.getValue().end() <= closeTime) {
                        dropped();
                        continue;
                    }
                    ValueAndTimestamp<VAgg> old = windowStore.fetch(record.key(), start);
                    VAgg stored = ValueAndTimestamp.getValueOrNull(old);
                    VAgg oldAgg = stored == null ? initializer.apply() : stored;
                    long newTimestamp = stored == null ? timestamp : Math.max(timestamp, old.timestamp());
                    VAgg newAgg = aggregator.apply(record.key(), record.value(), oldAgg);
                    windowStore.put(record.key(), ValueAndTimestamp.make(newAgg, newTimestamp), start);
                    forward(record, entry.getValue(), oldAgg, newAgg, newTimestamp, stored);
                }
            }
        };
    }
}
