package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.Merger;
import dev.millrace.streams.kstream.SessionWindows;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.internals.ProcessorContextImpl;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.SessionStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Session aggregation: a record at t joins every session of its key within the inactivity gap (ending at or after
 * t - gap, starting at or before t + gap), merging their aggregates with the {@link Merger} into one session; the
 * merged ones are removed and forwarded as deletes, then the new session is put and forwarded with its end as
 * timestamp. A record whose merged session ends before stream time minus grace minus gap is dropped (and counted),
 * as is a null key.
 */
final class KStreamSessionWindowAggregate<K, V, VAgg> implements KStreamAggProcessorSupplier<K, V, Windowed<K>, VAgg> {
    private final SessionWindows windows;
    private final String storeName;
    private final boolean cachingEnabled;
    private final Initializer<VAgg> initializer;
    private final Aggregator<? super K, ? super V, VAgg> aggregator;
    private final Merger<? super K, VAgg> merger;
    private final long retentionMs;
    private final SharedStoreState sharedState;
    private boolean sendOldValues;

    KStreamSessionWindowAggregate(SessionWindows windows, String storeName, boolean cachingEnabled,
                                  Initializer<VAgg> initializer, Aggregator<? super K, ? super V, VAgg> aggregator,
                                  Merger<? super K, VAgg> merger, long retentionMs) {
        this(windows, storeName, cachingEnabled, initializer, aggregator, merger, retentionMs, null);
    }

    /** @param sharedState what the processors writing the store (a cogroup's) share per task, or null */
    KStreamSessionWindowAggregate(SessionWindows windows, String storeName, boolean cachingEnabled,
                                  Initializer<VAgg> initializer, Aggregator<? super K, ? super V, VAgg> aggregator,
                                  Merger<? super K, VAgg> merger, long retentionMs, SharedStoreState sharedState) {
        this.sharedState = sharedState;
        this.windows = windows;
        this.storeName = storeName;
        this.cachingEnabled = cachingEnabled;
        this.initializer = initializer;
        this.aggregator = aggregator;
        this.merger = merger;
        this.retentionMs = retentionMs;
    }

    SessionWindows windows() {
        return windows;
    }

    @Override
    public void enableSendingOldValues() {
        sendOldValues = true;
    }

    @Override
    public KTableValueGetterSupplier<Windowed<K>, VAgg> view() {
        return new SessionWindowValueGetterSupplier<>(storeName);
    }

    @Override
    public Processor<K, V, Windowed<K>, Change<VAgg>> get() {
        return new ContextualProcessor<>() {
            private SessionStore<K, VAgg> store;
            private TimestampedTupleForwarder<Windowed<K>, VAgg> forwarder;
            private long observedStreamTime = -1;
            /** The largest session end put: the store's stream time, by which it expires sessions. */
            private SharedStoreState.StreamTime storeStreamTime;

            @Override
            public void init(ProcessorContext<Windowed<K>, Change<VAgg>> context) {
                super.init(context);
                ((ProcessorContextImpl) (Object) context).registerEmitFinalMetrics();
                store = context.getStateStore(storeName);
                storeStreamTime = SharedStoreState.storeStreamTime(sharedState, context);
                forwarder = SharedStoreState.forwarder(sharedState, context,
                        () -> new TimestampedTupleForwarder<>(store, context, cachingEnabled, sendOldValues, false));
            }

            @Override
            public void process(Record<K, V> record) {
                if (record.key() == null) {
                    ((ProcessorContextImpl) (Object) context()).recordDroppedRecord();
                    return;
                }
                long t = record.timestamp();
                observedStreamTime = Math.max(observedStreamTime, t);
                long closeTime = observedStreamTime - windows.gracePeriodMs() - windows.inactivityGap();
                List<KeyValue<Windowed<K>, VAgg>> merged = new ArrayList<>();
                SessionWindow own = new SessionWindow(t, t);
                SessionWindow window = own;
                VAgg agg = initializer.apply();
                try (KeyValueIterator<Windowed<K>, VAgg> it =
                             store.findSessions(record.key(), t - windows.inactivityGap(), t + windows.inactivityGap())) {
                    while (it.hasNext()) {
                        KeyValue<Windowed<K>, VAgg> next = it.next();
                        merged.add(next);
                        agg = merger.apply(record.key(), agg, next.value);
                        window = new SessionWindow(Math.min(window.start(), next.key.window().start()),
                                Math.max(window.end(), next.key.window().end()));
                    }
                }
                if (window.end() < closeTime) {
                    ((ProcessorContextImpl) (Object) context()).recordDroppedRecord();
                    return;
                }
                VAgg storedBefore = null;
                if (!window.equals(own)) {
                    for (KeyValue<Windowed<K>, VAgg> session : merged) {
                        store.remove(session.key);
                        // with caching, a merged session the store had already expired is not there to delete, so
                        // Kafka Streams forwards no delete for it; the table cache decides that from storedBefore
                        boolean inStore = session.key.window().end() > storeStreamTime.get() - retentionMs;
                        forward(session.key, session.value, null, inStore ? session.value : null);
                    }
                } else if (!merged.isEmpty()) {
                    storedBefore = merged.get(0).value; // a session [t, t] already there is overwritten
                }
                agg = aggregator.apply(record.key(), record.value(), agg);
                Windowed<K> sessionKey = new Windowed<>(record.key(), window);
                store.put(sessionKey, agg);
                // a null aggregate never reaches a cached store (nothing to delete), so it moves no stream time there
                if (agg != null) storeStreamTime.advance(window.end());
                forward(sessionKey, null, agg, storedBefore);
            }

            private void forward(Windowed<K> key, VAgg oldAgg, VAgg newAgg, VAgg storedBefore) {
                forwarder.maybeForward(new Record<>(key, new Change<>(newAgg, sendOldValues ? oldAgg : null), key.window().end()),
                        storedBefore);
            }
        };
    }
}
