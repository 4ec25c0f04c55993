package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Grouped;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KGroupedTable;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.Reducer;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;
import java.util.Set;

/**
 * A grouped table. Each aggregation takes, in Kafka Streams' order, its store name (when generated), the repartition
 * sink's, source's and its own processor's names ({@code <named>-sink}, {@code <named>-source}, {@code <named>} when
 * named), then writes the selector's output to {@code <grouped name or store>-repartition} in the table-change format
 * and aggregates what it reads back. With a Grouped name, every aggregation shares that one topic.
 */
final class KGroupedTableImpl<K, V> implements KGroupedTable<K, V> {
    private static final String AGGREGATE_NAME = "KTABLE-AGGREGATE-";
    private static final String REDUCE_NAME = "KTABLE-REDUCE-";

    private final InternalStreamsBuilder builder;
    private final String selectName;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final String repartitionName;
    private String sharedRepartitionSource;

    KGroupedTableImpl(InternalStreamsBuilder builder, String selectName, Grouped<K, V> grouped) {
        this.builder = builder;
        this.selectName = selectName;
        this.keySerde = grouped.keySerde();
        this.valueSerde = grouped.valueSerde();
        this.repartitionName = grouped.name();
    }

    @Override
    public KTable<K, Long> count() {
        return count(Materialized.with(keySerde, Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Named named) {
        return count(named, Materialized.with(keySerde, Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        return count(NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, Long, KeyValueStore<Bytes, byte[]>> m = new MaterializedInternal<>(materialized, builder, AGGREGATE_NAME);
        if (m.keySerde() == null) m.withKeySerde(keySerde);
        if (m.valueSerde() == null) m.withValueSerde(Serdes.Long());
        return doAggregate(new KTableAggregate<K, V, Long>(m.storeName(), m.cachingEnabled(), "aggregate", () -> 0L,
                (k, v, agg) -> agg + 1L, (k, v, agg) -> agg - 1L), named, AGGREGATE_NAME, m);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor) {
        return reduce(adder, subtractor, Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return reduce(adder, subtractor, NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Named named,
                               Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(adder, "adder can't be null");
        Objects.requireNonNull(subtractor, "subtractor can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>> m = new MaterializedInternal<>(materialized, builder, AGGREGATE_NAME);
        if (m.keySerde() == null) m.withKeySerde(keySerde);
        if (m.valueSerde() == null) m.withValueSerde(valueSerde);
        return doAggregate(new KTableAggregate<K, V, V>(m.storeName(), m.cachingEnabled(), "reduce", () -> null,
                ReducerAggregators.of(adder), (k, v, agg) -> subtractor.apply(agg, v)), named, REDUCE_NAME, m);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor) {
        return aggregate(initializer, adder, subtractor, Materialized.with(keySerde, null));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor, Named named) {
        return aggregate(initializer, adder, subtractor, named, Materialized.with(keySerde, null));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, adder, subtractor, NamedInternal.empty(), materialized);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                        Aggregator<? super K, ? super V, VR> subtractor, Named named,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(adder, "adder can't be null");
        Objects.requireNonNull(subtractor, "subtractor can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> m = new MaterializedInternal<>(materialized, builder, AGGREGATE_NAME);
        if (m.keySerde() == null) m.withKeySerde(keySerde);
        return doAggregate(new KTableAggregate<>(m.storeName(), m.cachingEnabled(), "aggregate", initializer, adder, subtractor),
                named, AGGREGATE_NAME, m);
    }

    private <VR> KTable<K, VR> doAggregate(KTableAggregate<K, V, VR> supplier, Named named, String prefix,
                                           MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> m) {
        NamedInternal n = NamedInternal.of(named);
        String sinkName = n.suffixWithOrElseGet("-sink", builder, KStreamImpl.SINK_NAME);
        String sourceName = n.suffixWithOrElseGet("-source", builder, KStreamImpl.SOURCE_NAME);
        String aggName = n.orElseGenerateWithPrefix(builder, prefix);
        String source = sharedRepartitionSource;
        if (source == null) {
            String topic = (repartitionName != null ? repartitionName : m.storeName()) + KStreamImpl.REPARTITION_TOPIC_SUFFIX;
            builder.topologyBuilder.addInternalTopic(topic);
            builder.topologyBuilder.addSink(sinkName, topic, null, InternalStreamsBuilder.serializer(keySerde),
                    new ChangedSerializer<>(InternalStreamsBuilder.serializer(valueSerde)), selectName);
            builder.topologyBuilder.addSource(sourceName, InternalStreamsBuilder.deserializer(keySerde),
                    new ChangedDeserializer<>(InternalStreamsBuilder.deserializer(valueSerde)), topic);
            source = sourceName;
            if (repartitionName != null) sharedRepartitionSource = sourceName;
        }
        builder.addProcessor(aggName, supplier, source);
        builder.topologyBuilder.addStateStore(KeyValueStoreMaterializer.builder(m), aggName);
        return new KTableImpl<>(aggName, m.keySerde(), m.valueSerde(), Set.of(source), m.queryableStoreName(), supplier, builder);
    }
}
