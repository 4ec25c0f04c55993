package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.Reducer;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.StateStore;
import org.apache.kafka.common.serialization.Serdes;

import java.util.Objects;

/**
 * What the windowed aggregations of a grouped stream (time, sliding and session windows, stored in {@code S}) share:
 * the count and reduce overloads, Kafka Streams' argument checks in its order and messages, and the store's name
 * (generated when the Materialized has none) with serdes defaulted from the grouping. Subclasses add the aggregate
 * overloads of their interface and build the aggregation.
 */
abstract class AbstractWindowedKStream<K, V, S extends StateStore> {
    final KGroupedStreamImpl<K, V> grouped;
    final InternalStreamsBuilder builder;
    /** Whether count with a Materialized takes an extra generated number when its store is unnamed, as Kafka Streams. */
    private final boolean countTakesExtraNumber;

    AbstractWindowedKStream(KGroupedStreamImpl<K, V> grouped, boolean countTakesExtraNumber) {
        this.grouped = grouped;
        this.builder = grouped.builder();
        this.countTakesExtraNumber = countTakesExtraNumber;
    }

    public KTable<Windowed<K>, Long> count() {
        return count(NamedInternal.empty());
    }

    public KTable<Windowed<K>, Long> count(Named named) {
        return buildCount(named, countStore(Materialized.with(grouped.keySerde(), Serdes.Long())));
    }

    public KTable<Windowed<K>, Long> count(Materialized<K, Long, S> materialized) {
        return count(NamedInternal.empty(), materialized);
    }

    public KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, S> materialized) {
        Objects.requireNonNull(materialized, "materialized can't be null");
        if (countTakesExtraNumber && new MaterializedInternal<>(materialized).storeName() == null) {
            builder.newStoreName(KGroupedStreamImpl.AGGREGATE_NAME);
        }
        return buildCount(named, countStore(materialized));
    }

    private MaterializedInternal<K, Long, S> countStore(Materialized<K, Long, S> materialized) {
        MaterializedInternal<K, Long, S> m = new MaterializedInternal<>(materialized, builder, KGroupedStreamImpl.AGGREGATE_NAME);
        if (m.keySerde() == null) m.withKeySerde(grouped.keySerde());
        if (m.valueSerde() == null) m.withValueSerde(Serdes.Long());
        return m;
    }

    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, NamedInternal.empty());
    }

    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named) {
        return reduce(reducer, named, Materialized.with(grouped.keySerde(), grouped.valueSerde()));
    }

    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, S> materialized) {
        return reduce(reducer, NamedInternal.empty(), materialized);
    }

    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, S> materialized) {
        Objects.requireNonNull(reducer, "reducer can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, V, S> m = new MaterializedInternal<>(materialized, builder, KGroupedStreamImpl.REDUCE_NAME);
        if (m.keySerde() == null) m.withKeySerde(grouped.keySerde());
        if (m.valueSerde() == null) m.withValueSerde(grouped.valueSerde());
        return buildReduce(named, m, ReducerAggregators.of(reducer));
    }

    /** The store of an aggregate, after the subclass checked its functions: Kafka's check, name and key serde. */
    <VR> MaterializedInternal<K, VR, S> aggregateStore(Materialized<K, VR, S> materialized) {
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, VR, S> m = new MaterializedInternal<>(materialized, builder, KGroupedStreamImpl.AGGREGATE_NAME);
        if (m.keySerde() == null) m.withKeySerde(grouped.keySerde());
        return m;
    }

    /** Adds a count: an aggregation adding one per record, named {@code named} or {@code KSTREAM-AGGREGATE-}. */
    abstract KTable<Windowed<K>, Long> buildCount(Named named, MaterializedInternal<K, Long, S> m);

    /**
     * Adds a reduce: an aggregation whose first value is the aggregate ({@code reducing}), named {@code named} or
     * {@code KSTREAM-REDUCE-}.
     */
    abstract KTable<Windowed<K>, V> buildReduce(Named named, MaterializedInternal<K, V, S> m, Aggregator<K, V, V> reducing);

    static <VR> Initializer<VR> nothing() {
        return () -> null;
    }
}
