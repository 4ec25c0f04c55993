package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.Window;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.WindowedSerdes;
import dev.millrace.streams.kstream.Windows;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * Tumbling and hopping window aggregations. Names and numbering as Kafka Streams (count with a Materialized takes an
 * extra number when the store is unnamed); the table's keys are serialized with the time-windowed serde.
 */
final class TimeWindowedKStreamImpl<K, V, W extends Window> extends AbstractTimeWindowedKStream<K, V> {
    private final Windows<W> windows;

    TimeWindowedKStreamImpl(Windows<W> windows, KGroupedStreamImpl<K, V> grouped) {
        super(grouped, true);
        this.windows = windows;
    }

    @Override
    <VR> KTable<Windowed<K>, VR> build(Named named, String prefix, MaterializedInternal<K, VR, WindowStore<Bytes, byte[]>> m,
                                       Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        String name = NamedInternal.of(named).orElseGenerateWithPrefix(builder, prefix);
        var store = WindowStoreMaterializer.forWindows(m, windows);
        return grouped.doAggregate(new KStreamWindowAggregate<>(windows, m.storeName(), m.cachingEnabled(), initializer, aggregator),
                name, m.storeName(), store,
                m.keySerde() == null ? null : new WindowedSerdes.TimeWindowedSerde<>(m.keySerde(), windows.size()),
                m.valueSerde(), m.queryableStoreName(), windows.gracePeriodMs());
    }
}
