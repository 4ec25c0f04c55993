package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Window;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.WindowedSerdes;
import dev.millrace.streams.kstream.Windows;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

import java.util.Map;

/** A cogroup in tumbling or hopping windows: one window aggregation per stream on one timestamped window store. */
final class TimeWindowedCogroupedKStreamImpl<K, V, W extends Window> extends AbstractTimeWindowedCogroupedKStream<K, V> {
    private final Windows<W> windows;

    TimeWindowedCogroupedKStreamImpl(Windows<W> windows, InternalStreamsBuilder builder,
                                     Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, V>> groupPatterns,
                                     CogroupedStreamAggregateBuilder<K, V> aggregateBuilder) {
        super(builder, groupPatterns, aggregateBuilder);
        this.windows = windows;
    }

    @Override
    KTable<Windowed<K>, V> build(Initializer<V> initializer, NamedInternal named, MaterializedInternal<K, V, WindowStore<Bytes, byte[]>> m) {
        return aggregateBuilder.build(groupPatterns, named, m.storeName(), WindowStoreMaterializer.forWindows(m, windows),
                (aggregator, shared) -> new KStreamWindowAggregate<>(windows, m.storeName(), m.cachingEnabled(), initializer,
                        aggregator, shared),
                m.keySerde() == null ? null : new WindowedSerdes.TimeWindowedSerde<>(m.keySerde(), windows.size()),
                m.valueSerde(), m.queryableStoreName(), windows.gracePeriodMs());
    }
}
