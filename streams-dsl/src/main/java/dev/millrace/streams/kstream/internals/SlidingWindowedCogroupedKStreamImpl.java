package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.SlidingWindows;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.WindowedSerdes;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

import java.util.Map;

/**
 * A cogroup in sliding windows: one sliding aggregation per stream on one window store; the table's keys use the
 * time-windowed serde with the time difference as size.
 */
final class SlidingWindowedCogroupedKStreamImpl<K, V> extends AbstractTimeWindowedCogroupedKStream<K, V> {
    private final SlidingWindows windows;

    SlidingWindowedCogroupedKStreamImpl(SlidingWindows windows, InternalStreamsBuilder builder,
                                        Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, V>> groupPatterns,
                                        CogroupedStreamAggregateBuilder<K, V> aggregateBuilder) {
        super(builder, groupPatterns, aggregateBuilder);
        this.windows = windows;
    }

    @Override
    KTable<Windowed<K>, V> build(Initializer<V> initializer, NamedInternal named, MaterializedInternal<K, V, WindowStore<Bytes, byte[]>> m) {
        return aggregateBuilder.build(groupPatterns, named, m.storeName(), WindowStoreMaterializer.forSliding(m, windows),
                (aggregator, shared) -> new KStreamSlidingWindowAggregate<>(windows, m.storeName(), m.cachingEnabled(),
                        initializer, aggregator, shared),
                m.keySerde() == null ? null : new WindowedSerdes.TimeWindowedSerde<>(m.keySerde(), windows.timeDifferenceMs()),
                m.valueSerde(), m.queryableStoreName(), windows.gracePeriodMs());
    }
}
