package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.TimeWindowedCogroupedKStream;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

import java.util.Map;
import java.util.Objects;

/**
 * The aggregate overloads of cogroups in tumbling, hopping and sliding windows; a subclass says how its kind of window
 * is stored and aggregated. Without a Materialized the store and the table's keys use the default serdes.
 */
abstract class AbstractTimeWindowedCogroupedKStream<K, V> implements TimeWindowedCogroupedKStream<K, V> {
    final InternalStreamsBuilder builder;
    final Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, V>> groupPatterns;
    final CogroupedStreamAggregateBuilder<K, V> aggregateBuilder;

    AbstractTimeWindowedCogroupedKStream(InternalStreamsBuilder builder,
                                         Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, V>> groupPatterns,
                                         CogroupedStreamAggregateBuilder<K, V> aggregateBuilder) {
        this.builder = builder;
        this.groupPatterns = groupPatterns;
        this.aggregateBuilder = aggregateBuilder;
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer) {
        return aggregate(initializer, Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named) {
        return aggregate(initializer, named, Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named,
                                            Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        return build(initializer, NamedInternal.of(named),
                new MaterializedInternal<>(materialized, builder, CogroupedStreamAggregateBuilder.AGGREGATE_NAME));
    }

    abstract KTable<Windowed<K>, V> build(Initializer<V> initializer, NamedInternal named,
                                          MaterializedInternal<K, V, WindowStore<Bytes, byte[]>> m);
}
