package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.Reducer;
import dev.millrace.streams.kstream.TimeWindowedKStream;
import dev.millrace.streams.kstream.SlidingWindows;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.WindowedSerdes;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/**
 * Sliding window aggregations, named as Kafka Streams names them (unlike time windows, count with a Materialized
 * takes no extra number); the table's keys use the time-windowed serde with the time difference as size.
 */
final class SlidingWindowedKStreamImpl<K, V> implements TimeWindowedKStream<K, V> {
    private final SlidingWindows windows;
    private final KGroupedStreamImpl<K, V> grouped;
    private final InternalStreamsBuilder builder;

    SlidingWindowedKStreamImpl(SlidingWindows windows, KGroupedStreamImpl<K, V> grouped) {
        this.windows = windows;
        this.grouped = grouped;
        this.builder = grouped.builder();
    }

    @Override
    public KTable<Windowed<K>, Long> count() {
        return count(NamedInternal.empty());
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named) {
        return doCount(named, Materialized.with(grouped.keySerde(), Serdes.Long()));
    }

    @Override
    public KTable<Windowed<K>, Long> count(Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        return count(NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized can't be null");
        return doCount(named, materialized);
    }

    private KTable<Windowed<K>, Long> doCount(Named named, Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        MaterializedInternal<K, Long, WindowStore<Bytes, byte[]>> m =
                new MaterializedInternal<>(materialized, builder, KGroupedStreamImpl.AGGREGATE_NAME);
        if (m.keySerde() == null) m.withKeySerde(grouped.keySerde());
        if (m.valueSerde() == null) m.withValueSerde(Serdes.Long());
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, m, () -> 0L, (k, v, agg) -> agg + 1);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, Materialized.with(grouped.keySerde(), null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Named named) {
        return aggregate(initializer, aggregator, named, Materialized.with(grouped.keySerde(), null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, NamedInternal.empty(), materialized);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Named named, Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(aggregator, "aggregator can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, VR, WindowStore<Bytes, byte[]>> m =
                new MaterializedInternal<>(materialized, builder, KGroupedStreamImpl.AGGREGATE_NAME);
        if (m.keySerde() == null) m.withKeySerde(grouped.keySerde());
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, m, initializer, aggregator);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, NamedInternal.empty());
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named) {
        return reduce(reducer, named, Materialized.with(grouped.keySerde(), grouped.valueSerde()));
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        return reduce(reducer, NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, V, WindowStore<Bytes, byte[]>> m =
                new MaterializedInternal<>(materialized, builder, KGroupedStreamImpl.REDUCE_NAME);
        if (m.keySerde() == null) m.withKeySerde(grouped.keySerde());
        if (m.valueSerde() == null) m.withValueSerde(grouped.valueSerde());
        return build(named, KGroupedStreamImpl.REDUCE_NAME, m, () -> null, ReducerAggregators.of(reducer));
    }

    private <VR> KTable<Windowed<K>, VR> build(Named named, String prefix, MaterializedInternal<K, VR, WindowStore<Bytes, byte[]>> m,
                                                Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        String name = NamedInternal.of(named).orElseGenerateWithPrefix(builder, prefix);
        var store = WindowStoreMaterializer.forSliding(m, windows);
        return grouped.doAggregate(new KStreamSlidingWindowAggregate<>(windows, m.storeName(), m.cachingEnabled(), initializer, aggregator),
                name, m.storeName(), store,
                m.keySerde() == null ? null : new WindowedSerdes.TimeWindowedSerde<>(m.keySerde(), windows.timeDifferenceMs()),
                m.valueSerde(), m.queryableStoreName(), windows.gracePeriodMs());
    }
}
