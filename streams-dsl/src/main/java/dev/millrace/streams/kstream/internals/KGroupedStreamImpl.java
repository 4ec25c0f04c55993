package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.CogroupedKStream;
import dev.millrace.streams.kstream.Grouped;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KGroupedStream;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.Reducer;
import dev.millrace.streams.kstream.SessionWindowedKStream;
import dev.millrace.streams.kstream.SessionWindows;
import dev.millrace.streams.kstream.SlidingWindows;
import dev.millrace.streams.kstream.TimeWindowedKStream;
import dev.millrace.streams.kstream.Window;
import dev.millrace.streams.kstream.Windows;
import dev.millrace.streams.state.StoreBuilder;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;
import java.util.Set;

/**
 * A grouped stream. Each aggregation adds, in Kafka Streams' order: its store name (when generated), its processor
 * name, then (if the key may have changed) the repartition topic named after the grouping's name or the store, then
 * the aggregating processor with its store.
 */
final class KGroupedStreamImpl<K, V> implements KGroupedStream<K, V> {
    static final String REDUCE_NAME = "KSTREAM-REDUCE-";
    static final String AGGREGATE_NAME = "KSTREAM-AGGREGATE-";

    private final String name;
    private final Set<String> subTopologySourceNodes;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final String repartitionName;
    private final boolean repartitionRequired;
    private final InternalStreamsBuilder builder;
    /** With a user-given repartition name, every aggregation shares one repartition topic. */
    private String sharedRepartitionSource;

    KGroupedStreamImpl(String name, Set<String> subTopologySourceNodes, Grouped<K, V> grouped, boolean repartitionRequired,
                       InternalStreamsBuilder builder) {
        this.name = name;
        this.subTopologySourceNodes = subTopologySourceNodes;
        this.keySerde = grouped.keySerde();
        this.valueSerde = grouped.valueSerde();
        this.repartitionName = grouped.name();
        this.repartitionRequired = repartitionRequired;
        this.builder = builder;
    }

    @Override
    public KTable<K, Long> count() {
        return doCount(NamedInternal.empty(), Materialized.with(keySerde, Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Named named) {
        Objects.requireNonNull(named, "named can't be null");
        return doCount(named, Materialized.with(keySerde, Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        return count(NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized can't be null");
        // Kafka Streams takes one extra name here when the store has none; kept so generated names stay the same
        if (new MaterializedInternal<>(materialized).storeName() == null) builder.newStoreName(AGGREGATE_NAME);
        return doCount(named, materialized);
    }

    private KTable<K, Long> doCount(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        MaterializedInternal<K, Long, KeyValueStore<Bytes, byte[]>> m = new MaterializedInternal<>(materialized, builder, AGGREGATE_NAME);
        if (m.keySerde() == null) m.withKeySerde(keySerde);
        if (m.valueSerde() == null) m.withValueSerde(Serdes.Long());
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, AGGREGATE_NAME);
        return doAggregate(new KStreamAggregate<K, V, Long>(m.storeName(), m.cachingEnabled(), () -> 0L, (k, v, agg) -> agg + 1),
                n, m);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return reduce(reducer, NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer can't be null");
        Objects.requireNonNull(named, "name can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>> m = new MaterializedInternal<>(materialized, builder, REDUCE_NAME);
        if (m.keySerde() == null) m.withKeySerde(keySerde);
        if (m.valueSerde() == null) m.withValueSerde(valueSerde);
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, REDUCE_NAME);
        return doAggregate(new KStreamReduce<>(m.storeName(), m.cachingEnabled(), reducer), n, m);
    }

    @Override
    public <VOut> KTable<K, VOut> aggregate(Initializer<VOut> initializer, Aggregator<? super K, ? super V, VOut> aggregator) {
        return aggregate(initializer, aggregator, Materialized.with(keySerde, null));
    }

    @Override
    public <VOut> KTable<K, VOut> aggregate(Initializer<VOut> initializer, Aggregator<? super K, ? super V, VOut> aggregator,
                                            Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, NamedInternal.empty(), materialized);
    }

    @Override
    public <VOut> KTable<K, VOut> aggregate(Initializer<VOut> initializer, Aggregator<? super K, ? super V, VOut> aggregator,
                                            Named named, Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(aggregator, "aggregator can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        Objects.requireNonNull(named, "named can't be null");
        MaterializedInternal<K, VOut, KeyValueStore<Bytes, byte[]>> m = new MaterializedInternal<>(materialized, builder, AGGREGATE_NAME);
        if (m.keySerde() == null) m.withKeySerde(keySerde);
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, AGGREGATE_NAME);
        return doAggregate(new KStreamAggregate<>(m.storeName(), m.cachingEnabled(), initializer, aggregator), n, m);
    }

    private <VR> KTable<K, VR> doAggregate(KStreamAggProcessorSupplier<K, V, K, VR> supplier, String aggName,
                                           MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> m) {
        return doAggregate(supplier, aggName, m.storeName(), KeyValueStoreMaterializer.builder(m), m.keySerde(),
                m.valueSerde(), m.queryableStoreName(), null);
    }

    /**
     * Adds the repartition topic (if the key may have changed) and the aggregating processor with its store.
     *
     * @param windowGraceMs how long after a window's end it closes, for {@code suppress(untilWindowCloses)}; null if
     *                      the aggregation is not windowed
     */
    <KR, VR> KTable<KR, VR> doAggregate(KStreamAggProcessorSupplier<K, V, KR, VR> supplier, String aggName, String storeName,
                                        StoreBuilder<?> store, Serde<KR> tableKeySerde, Serde<VR> tableValueSerde,
                                        String queryableStoreName, Long windowGraceMs) {
        String parent = name;
        Set<String> sources = subTopologySourceNodes;
        if (repartitionRequired) {
            if (sharedRepartitionSource != null) {
                parent = sharedRepartitionSource;
            } else {
                parent = KStreamImpl.createRepartitionedSource(builder, keySerde, valueSerde,
                        repartitionName != null ? repartitionName : storeName, name);
                if (repartitionName != null) sharedRepartitionSource = parent;
            }
            sources = Set.of(parent);
        }
        builder.addProcessor(aggName, supplier, parent);
        builder.topologyBuilder.addStateStore(store, aggName);
        KTableImpl<KR, V, VR> table = new KTableImpl<>(aggName, tableKeySerde, tableValueSerde, sources, queryableStoreName,
                supplier, builder);
        table.windowGraceMs = windowGraceMs;
        return table;
    }

    @Override
    public <W extends Window> TimeWindowedKStream<K, V> windowedBy(Windows<W> windows) {
        return new TimeWindowedKStreamImpl<>(Objects.requireNonNull(windows, "windows can't be null"), this);
    }

    @Override
    public TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows) {
        return new SlidingWindowedKStreamImpl<>(Objects.requireNonNull(windows, "windows can't be null"), this);
    }

    @Override
    public SessionWindowedKStream<K, V> windowedBy(SessionWindows windows) {
        return new SessionWindowedKStreamImpl<>(Objects.requireNonNull(windows, "windows can't be null"), this);
    }

    InternalStreamsBuilder builder() {
        return builder;
    }

    Serde<K> keySerde() {
        return keySerde;
    }

    Serde<V> valueSerde() {
        return valueSerde;
    }

    @Override
    public <VOut> CogroupedKStream<K, VOut> cogroup(Aggregator<? super K, ? super V, VOut> aggregator) {
        Objects.requireNonNull(aggregator, "aggregator can't be null");
        return new CogroupedKStreamImpl<K, VOut>(builder).cogroup(this, aggregator);
    }

    /** The node whose records are grouped: the parent of the aggregation, or of its repartition topic's sink. */
    String name() {
        return name;
    }

    boolean repartitionRequired() {
        return repartitionRequired;
    }

    /** The user's name for the repartition topic (from {@code Grouped}), or null. */
    String repartitionName() {
        return repartitionName;
    }
}
