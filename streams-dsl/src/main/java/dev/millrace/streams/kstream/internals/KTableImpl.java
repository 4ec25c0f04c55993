package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.Grouped;
import dev.millrace.streams.kstream.KGroupedTable;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.KeyValueMapper;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.errors.TopologyException;
import dev.millrace.streams.kstream.Predicate;
import dev.millrace.streams.kstream.Suppressed;
import dev.millrace.streams.kstream.internals.suppress.FinalResultsSuppression;
import dev.millrace.streams.kstream.internals.suppress.SuppressedInternal;
import dev.millrace.streams.kstream.internals.suppress.SuppressionBufferBuilder;
import dev.millrace.streams.kstream.ValueJoiner;
import dev.millrace.streams.kstream.ValueMapper;
import dev.millrace.streams.kstream.ValueMapperWithKey;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.Set;

/**
 * The DSL's table. {@code V} is the value type; {@code S} the input of the processor that produced it. A filter or
 * mapValues gets a store only when the user names one (Materialized with a name); otherwise it computes on the fly.
 */
public class KTableImpl<K, S, V> implements KTable<K, V> {
    static final String SOURCE_NAME = "KTABLE-SOURCE-";
    private static final String FILTER_NAME = "KTABLE-FILTER-";
    private static final String MAPVALUES_NAME = "KTABLE-MAPVALUES-";
    private static final String TOSTREAM_NAME = "KTABLE-TOSTREAM-";
    private static final String SUPPRESS_NAME = "KTABLE-SUPPRESS-";
    private static final String SELECT_NAME = "KTABLE-SELECT-";

    final String name;
    final Serde<K> keySerde;
    final Serde<V> valueSerde;
    final Set<String> subTopologySourceNodes;
    private final String queryableStoreName;
    private final ProcessorSupplier<?, ?, K, ?> processorSupplier;
    final InternalStreamsBuilder builder;
    /**
     * For a windowed table (or one derived from it by filter, mapValues or suppress), how long after a window's end
     * it closes: the wait of {@code suppress(untilWindowCloses)}. Null when the table is not windowed.
     */
    Long windowGraceMs;

    KTableImpl(String name, Serde<K> keySerde, Serde<V> valueSerde, Set<String> subTopologySourceNodes,
               String queryableStoreName, ProcessorSupplier<?, ?, K, ?> processorSupplier, InternalStreamsBuilder builder) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.subTopologySourceNodes = subTopologySourceNodes;
        this.queryableStoreName = queryableStoreName;
        this.processorSupplier = processorSupplier;
        this.builder = builder;
    }

    @Override
    public String queryableStoreName() {
        return queryableStoreName;
    }

    /**
     * Asks the processor that produces this table to forward old values too; returns whether it will. An
     * unmaterialized source table can only by being materialized, which happens only if {@code forceMaterialization}.
     */
    boolean enableSendingOldValues(boolean forceMaterialization) {
        if (processorSupplier instanceof KTableSource) {
            KTableSource<?, ?> source = (KTableSource<?, ?>) processorSupplier;
            if (!source.materialized()) {
                if (!forceMaterialization) return false;
                materializeSource(source);
            }
            source.enableSendingOldValues();
            return true;
        }
        if (processorSupplier instanceof KStreamAggProcessorSupplier) {
            ((KStreamAggProcessorSupplier<?, ?, ?, ?>) processorSupplier).enableSendingOldValues();
            return true;
        }
        return ((KTableProcessorSupplier<?, ?, ?, ?>) processorSupplier).enableSendingOldValues(forceMaterialization);
    }

    /**
     * Reads this table's current value per key from another processor of the same task (joins, lookups). A source
     * table without a store gets one now (named {@code <topic>-STATE-STORE-<n>} when the user gave none), as Kafka
     * Streams materializes it on demand; a filter or mapValues without a store computes through its parent's getter.
     */
    @SuppressWarnings("unchecked")
    KTableValueGetterSupplier<K, V> valueGetterSupplier() {
        if (processorSupplier instanceof KTableSource) {
            KTableSource<K, V> source = (KTableSource<K, V>) processorSupplier;
            materializeSource(source);
            return new KTableSourceValueGetterSupplier<>(source.storeName());
        }
        if (processorSupplier instanceof KStreamAggProcessorSupplier) {
            return ((KStreamAggProcessorSupplier<?, ?, K, V>) processorSupplier).view();
        }
        return ((KTableProcessorSupplier<?, ?, K, V>) processorSupplier).view();
    }

    private void materializeSource(KTableSource<?, ?> source) {
        if (source.materialized()) return;
        source.materialize();
        builder.topologyBuilder.addStateStore(source.storeBuilder(), name);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return doFilter(predicate, NamedInternal.empty(), null, false);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        return doFilter(predicate, named, null, false);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return filter(predicate, NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named,
                               Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized can't be null");
        return doFilter(predicate, named, new MaterializedInternal<>(materialized), false);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return doFilter(predicate, NamedInternal.empty(), null, true);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        return doFilter(predicate, named, null, true);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return filterNot(predicate, NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named,
                                  Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized can't be null");
        return doFilter(predicate, named, new MaterializedInternal<>(materialized), true);
    }

    private KTable<K, V> doFilter(Predicate<? super K, ? super V> predicate, Named named,
                                  MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>> m, boolean filterNot) {
        Objects.requireNonNull(predicate, "predicate can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Serde<K> ks = keySerde;
        Serde<V> vs = valueSerde;
        String queryable = null;
        if (m != null) {
            // no store unless named, but Kafka Streams takes a number before the processor's name all the same
            if (m.storeName() == null) builder.newStoreName(FILTER_NAME);
            if (m.keySerde() != null) ks = m.keySerde();
            if (m.valueSerde() != null) vs = m.valueSerde();
            queryable = m.queryableStoreName();
        }
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, FILTER_NAME);
        KTableFilter<K, V> supplier = new KTableFilter<>(this, predicate, filterNot, queryable, m != null && m.cachingEnabled());
        builder.addProcessor(n, supplier, name);
        if (queryable != null) {
            // the store has the Materialized's serdes or the defaults, not the parent's: as in Kafka Streams
            builder.topologyBuilder.addStateStore(KeyValueStoreMaterializer.builder(m), n);
        }
        KTableImpl<K, V, V> table = new KTableImpl<>(n, ks, vs, subTopologySourceNodes, queryable, supplier, builder);
        table.windowGraceMs = windowGraceMs;
        return table;
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        return mapValues(withKey(mapper), NamedInternal.empty());
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        return mapValues(withKey(mapper), named);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return mapValues(mapper, NamedInternal.empty());
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named) {
        return doMapValues(mapper, named, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return mapValues(withKey(mapper), NamedInternal.empty(), materialized);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return mapValues(withKey(mapper), named, materialized);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return mapValues(mapper, NamedInternal.empty(), materialized);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized can't be null");
        return doMapValues(mapper, named, new MaterializedInternal<>(materialized));
    }

    private static <K, V, VR> ValueMapperWithKey<K, V, VR> withKey(ValueMapper<V, VR> mapper) {
        Objects.requireNonNull(mapper, "mapper can't be null");
        return (k, v) -> mapper.apply(v);
    }

    private <VR> KTable<K, VR> doMapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
                                           MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> m) {
        Objects.requireNonNull(mapper, "mapper can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Serde<K> ks = keySerde;
        Serde<VR> vs = null;
        String queryable = null;
        if (m != null) {
            if (m.storeName() == null) builder.newStoreName(MAPVALUES_NAME);
            if (m.keySerde() != null) ks = m.keySerde();
            vs = m.valueSerde();
            queryable = m.queryableStoreName();
        }
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, MAPVALUES_NAME);
        KTableMapValues<K, V, VR> supplier = new KTableMapValues<>(this, mapper, queryable, m != null && m.cachingEnabled());
        builder.addProcessor(n, supplier, name);
        if (queryable != null) {
            // the store has the Materialized's serdes or the defaults, not the parent's: as in Kafka Streams
            builder.topologyBuilder.addStateStore(KeyValueStoreMaterializer.builder(m), n);
        }
        KTableImpl<K, V, VR> table = new KTableImpl<>(n, ks, vs, subTopologySourceNodes, queryable, supplier, builder);
        table.windowGraceMs = windowGraceMs;
        return table;
    }

    @Override
    @SuppressWarnings("unchecked")
    public KTable<K, V> suppress(Suppressed<? super K> suppressed) {
        Objects.requireNonNull(suppressed, "suppressed can't be null");
        String given;
        SuppressedInternal<K> internal;
        if (suppressed instanceof FinalResultsSuppression<?> finalResults) {
            given = finalResults.name();
            if (windowGraceMs == null) {
                throw new TopologyException("Window close time is only defined for windowed computations. Got [" + name + "].");
            }
            internal = finalResults.build(windowGraceMs);
        } else if (suppressed instanceof SuppressedInternal<?> s) {
            given = s.name();
            internal = (SuppressedInternal<K>) s;
        } else {
            throw new IllegalArgumentException("Custom subclasses of Suppressed are not supported.");
        }
        String n = given != null ? given : builder.newProcessorName(SUPPRESS_NAME);
        String storeName = given != null ? given + "-store" : builder.newStoreName(SUPPRESS_NAME);
        KTableSuppressProcessorSupplier<K, V> supplier = new KTableSuppressProcessorSupplier<>(internal, n, storeName, this);
        SuppressionBufferBuilder<Object> store = new SuppressionBufferBuilder<>(storeName);
        if (internal.bufferConfig().isLoggingEnabled()) store.withLoggingEnabled(internal.bufferConfig().logConfig());
        else store.withLoggingDisabled();
        builder.addProcessor(n, supplier, name);
        builder.topologyBuilder.addStateStore(store, n);
        KTableImpl<K, V, V> table = new KTableImpl<>(n, keySerde, valueSerde, Set.of(name), null, supplier, builder);
        table.windowGraceMs = windowGraceMs;
        return table;
    }

    @Override
    public KStream<K, V> toStream() {
        return toStream(NamedInternal.empty());
    }

    @Override
    public KStream<K, V> toStream(Named named) {
        Objects.requireNonNull(named, "named can't be null");
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, TOSTREAM_NAME);
        builder.addFixedKeyProcessor(n, new KStreamMapValues<K, Change<V>, V>((k, change) -> change.newValue), name);
        return new KStreamImpl<>(n, keySerde, valueSerde, subTopologySourceNodes, false, builder);
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        return toStream().selectKey(mapper);
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        return toStream(named).selectKey(mapper);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return TableTableJoinBuilder.join(this, other, joiner, NamedInternal.empty(), null, false, false);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named) {
        return TableTableJoinBuilder.join(this, other, joiner, named, null, false, false);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return join(other, joiner, NamedInternal.empty(), materialized);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return TableTableJoinBuilder.join(this, other, joiner, named,
                TableTableJoinBuilder.materialized(builder, materialized), false, false);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return TableTableJoinBuilder.join(this, other, joiner, NamedInternal.empty(), null, true, false);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named) {
        return TableTableJoinBuilder.join(this, other, joiner, named, null, true, false);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return leftJoin(other, joiner, NamedInternal.empty(), materialized);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return TableTableJoinBuilder.join(this, other, joiner, named,
                TableTableJoinBuilder.materialized(builder, materialized), true, false);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return TableTableJoinBuilder.join(this, other, joiner, NamedInternal.empty(), null, true, true);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named) {
        return TableTableJoinBuilder.join(this, other, joiner, named, null, true, true);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return outerJoin(other, joiner, NamedInternal.empty(), materialized);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return TableTableJoinBuilder.join(this, other, joiner, named,
                TableTableJoinBuilder.materialized(builder, materialized), true, true);
    }

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector) {
        return groupBy(selector, Grouped.with(null, null));
    }

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector, Grouped<KR, VR> grouped) {
        Objects.requireNonNull(selector, "selector can't be null");
        Objects.requireNonNull(grouped, "grouped can't be null");
        String selectName = NamedInternal.of(grouped.name()).orElseGenerateWithPrefix(builder, SELECT_NAME);
        builder.addProcessor(selectName, new KTableRepartitionMap<K, V, KR, VR>(selector), name);
        // the selector maps old values too, so aggregates can subtract them
        enableSendingOldValues(true);
        return new KGroupedTableImpl<>(builder, selectName, grouped);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return join(other, foreignKeyExtractor, joiner, Materialized.with(null, null));
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return join(other, foreignKeyExtractor, joiner, Materialized.with(null, null));
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        // as in Kafka Streams, a null extractor is only found when the first row is processed
        return join(other, (BiFunction<K, V, KO>) (k, v) -> foreignKeyExtractor.apply(v), joiner, materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(foreignKeyExtractor); // Kafka Streams' NPE here has no message
        return ForeignKeyJoinBuilder.join(this, other, foreignKeyExtractor, joiner, materialized, false);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return leftJoin(other, foreignKeyExtractor, joiner, Materialized.with(null, null));
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return leftJoin(other, foreignKeyExtractor, joiner, Materialized.with(null, null));
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        // as in Kafka Streams, a null extractor is only found when the first row is processed
        return leftJoin(other, (BiFunction<K, V, KO>) (k, v) -> foreignKeyExtractor.apply(v), joiner, materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(foreignKeyExtractor); // Kafka Streams' NPE here has no message
        return ForeignKeyJoinBuilder.join(this, other, foreignKeyExtractor, joiner, materialized, true);
    }
}
