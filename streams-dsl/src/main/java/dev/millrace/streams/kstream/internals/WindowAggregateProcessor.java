package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Window;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.internals.ProcessorContextImpl;
import dev.millrace.streams.state.TimestampedWindowStore;

/**
 * What the time-window aggregations share: the window store, stream time as this processor observed it (the largest
 * timestamp it has seen, as Kafka Streams' window processors keep it), forwarding through the table cache, and the
 * task's dropped-records count for late records and null keys.
 */
abstract class WindowAggregateProcessor<K, V, VAgg> extends ContextualProcessor<K, V, Windowed<K>, Change<VAgg>> {
    private final String storeName;
    private final boolean cachingEnabled;
    private final boolean sendOldValues;
    private final SharedStoreState sharedState;
    protected TimestampedWindowStore<K, VAgg> windowStore;
    protected long observedStreamTime = -1;
    private TimestampedTupleForwarder<Windowed<K>, VAgg> forwarder;

    WindowAggregateProcessor(String storeName, boolean cachingEnabled, boolean sendOldValues,
                             SharedStoreState sharedState) {
        this.sharedState = sharedState;
        this.storeName = storeName;
        this.cachingEnabled = cachingEnabled;
        this.sendOldValues = sendOldValues;
    }

    @Override
    public void init(ProcessorContext<Windowed<K>, Change<VAgg>> context) {
        super.init(context);
        ((ProcessorContextImpl) (Object) context).registerEmitFinalMetrics();
        windowStore = context.getStateStore(storeName);
        forwarder = SharedStoreState.forwarder(sharedState, context,
                () -> new TimestampedTupleForwarder<>(windowStore, context, cachingEnabled, sendOldValues));
    }

    protected void updateObservedStreamTime(long timestamp) {
        observedStreamTime = Math.max(observedStreamTime, timestamp);
    }

    protected void dropped() {
        ((ProcessorContextImpl) (Object) context()).recordDroppedRecord();
    }

    /**
     * @param storedBefore the window's value in the store before this update (null if new), for the table cache
     */
    protected void forward(Record<K, V> record, Window window, VAgg oldAgg, VAgg newAgg, long timestamp, VAgg storedBefore) {
        forwarder.maybeForward(record.withKey(new Windowed<>(record.key(), window))
                .withValue(new Change<>(newAgg, sendOldValues ? oldAgg : null))
                .withTimestamp(timestamp), storedBefore);
    }
}
