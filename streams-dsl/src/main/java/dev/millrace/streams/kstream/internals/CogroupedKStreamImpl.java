package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.CogroupedKStream;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KGroupedStream;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.SessionWindowedCogroupedKStream;
import dev.millrace.streams.kstream.SessionWindows;
import dev.millrace.streams.kstream.SlidingWindows;
import dev.millrace.streams.kstream.TimeWindowedCogroupedKStream;
import dev.millrace.streams.kstream.Window;
import dev.millrace.streams.kstream.Windows;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A cogroup: the grouped streams in the order they were added, each with its aggregator. It has no serdes of its own
 * (the streams' may differ), so its store and table use the Materialized's or the defaults, as in Kafka Streams.
 */
final class CogroupedKStreamImpl<K, VOut> implements CogroupedKStream<K, VOut> {
    private final InternalStreamsBuilder builder;
    private final Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, VOut>> groupPatterns = new LinkedHashMap<>();
    private final CogroupedStreamAggregateBuilder<K, VOut> aggregateBuilder;

    CogroupedKStreamImpl(InternalStreamsBuilder builder) {
        this.builder = builder;
        this.aggregateBuilder = new CogroupedStreamAggregateBuilder<>(builder);
    }

    @SuppressWarnings("unchecked")
    @Override
    public <V> CogroupedKStream<K, VOut> cogroup(KGroupedStream<K, V> groupedStream, Aggregator<? super K, ? super V, VOut> aggregator) {
        Objects.requireNonNull(groupedStream, "groupedStream can't be null");
        Objects.requireNonNull(aggregator, "aggregator can't be null");
        groupPatterns.put((KGroupedStreamImpl<K, ?>) groupedStream, (Aggregator<? super K, Object, VOut>) aggregator);
        return this;
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer) {
        return aggregate(initializer, Materialized.with(null, null));
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named) {
        return aggregate(initializer, named, Materialized.with(null, null));
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named,
                                     Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, VOut, KeyValueStore<Bytes, byte[]>> m =
                new MaterializedInternal<>(materialized, builder, CogroupedStreamAggregateBuilder.AGGREGATE_NAME);
        return aggregateBuilder.build(groupPatterns, NamedInternal.of(named), m.storeName(), KeyValueStoreMaterializer.builder(m),
                (aggregator, shared) -> new KStreamAggregate<>(m.storeName(), m.cachingEnabled(), initializer, aggregator, shared),
                m.keySerde(), m.valueSerde(), m.queryableStoreName(), null);
    }

    @Override
    public <W extends Window> TimeWindowedCogroupedKStream<K, VOut> windowedBy(Windows<W> windows) {
        Objects.requireNonNull(windows, "windows can't be null");
        return new TimeWindowedCogroupedKStreamImpl<>(windows, builder, groupPatterns, aggregateBuilder);
    }

    @Override
    public TimeWindowedCogroupedKStream<K, VOut> windowedBy(SlidingWindows windows) {
        Objects.requireNonNull(windows, "slidingWindows can't be null");
        return new SlidingWindowedCogroupedKStreamImpl<>(windows, builder, groupPatterns, aggregateBuilder);
    }

    @Override
    public SessionWindowedCogroupedKStream<K, VOut> windowedBy(SessionWindows windows) {
        Objects.requireNonNull(windows, "sessionWindows can't be null");
        return new SessionWindowedCogroupedKStreamImpl<>(windows, builder, groupPatterns, aggregateBuilder);
    }
}
