package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.SlidingWindows;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.WindowedSerdes;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * Sliding window aggregations, named as Kafka Streams names them (unlike time windows, count with a Materialized
 * takes no extra number); the table's keys use the time-windowed serde with the time difference as size.
 */
final class SlidingWindowedKStreamImpl<K, V> extends AbstractTimeWindowedKStream<K, V> {
    private final SlidingWindows windows;

    SlidingWindowedKStreamImpl(SlidingWindows windows, KGroupedStreamImpl<K, V> grouped) {
        super(grouped, false);
        this.windows = windows;
    }

    @Override
    <VR> KTable<Windowed<K>, VR> build(Named named, String prefix, MaterializedInternal<K, VR, WindowStore<Bytes, byte[]>> m,
                                       Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        String name = NamedInternal.of(named).orElseGenerateWithPrefix(builder, prefix);
        var store = WindowStoreMaterializer.forSliding(m, windows);
        return grouped.doAggregate(new KStreamSlidingWindowAggregate<>(windows, m.storeName(), m.cachingEnabled(), initializer, aggregator),
                name, m.storeName(), store,
                m.keySerde() == null ? null : new WindowedSerdes.TimeWindowedSerde<>(m.keySerde(), windows.timeDifferenceMs()),
                m.valueSerde(), m.queryableStoreName(), windows.gracePeriodMs());
    }
}
