package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.BranchedKStream;
import dev.millrace.streams.kstream.ForeachAction;
import dev.millrace.streams.kstream.GlobalKTable;
import dev.millrace.streams.kstream.Grouped;
import dev.millrace.streams.kstream.JoinWindows;
import dev.millrace.streams.kstream.Joined;
import dev.millrace.streams.kstream.KGroupedStream;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.KeyValueMapper;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.Predicate;
import dev.millrace.streams.kstream.Printed;
import dev.millrace.streams.kstream.Produced;
import dev.millrace.streams.kstream.Repartitioned;
import dev.millrace.streams.kstream.StreamJoined;
import dev.millrace.streams.kstream.ValueJoiner;
import dev.millrace.streams.kstream.ValueJoinerWithKey;
import dev.millrace.streams.kstream.ValueJoinerWithStreamAndMappedKey;
import dev.millrace.streams.kstream.ValueMapper;
import dev.millrace.streams.kstream.ValueMapperWithKey;
import dev.millrace.streams.processor.TopicNameExtractor;
import dev.millrace.streams.processor.api.FixedKeyProcessorSupplier;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** The DSL's stream: each operation adds its node under this one and returns the stream of that node. */
public class KStreamImpl<K, V> implements KStream<K, V> {
    static final String SOURCE_NAME = "KSTREAM-SOURCE-";
    static final String SINK_NAME = "KSTREAM-SINK-";
    static final String FILTER_NAME = "KSTREAM-FILTER-";
    static final String MERGE_NAME = "KSTREAM-MERGE-";
    private static final String PEEK_NAME = "KSTREAM-PEEK-";
    private static final String FLATMAP_NAME = "KSTREAM-FLATMAP-";
    private static final String FLATMAPVALUES_NAME = "KSTREAM-FLATMAPVALUES-";
    private static final String MAP_NAME = "KSTREAM-MAP-";
    private static final String MAPVALUES_NAME = "KSTREAM-MAPVALUES-";
    private static final String PROCESSOR_NAME = "KSTREAM-PROCESSOR-";
    private static final String PROCESSVALUES_NAME = "KSTREAM-PROCESSVALUES-";
    private static final String PRINTING_NAME = "KSTREAM-PRINTER-";
    private static final String KEY_SELECT_NAME = "KSTREAM-KEY-SELECT-";
    private static final String FOREACH_NAME = "KSTREAM-FOREACH-";
    private static final String TO_KTABLE_NAME = "KSTREAM-TOTABLE-";
    static final String REPARTITION_TOPIC_SUFFIX = "-repartition";

    final String name;
    final Serde<K> keySerde;
    final Serde<V> valueSerde;
    final Set<String> subTopologySourceNodes;
    final boolean repartitionRequired;
    final InternalStreamsBuilder builder;

    KStreamImpl(String name, Serde<K> keySerde, Serde<V> valueSerde, Set<String> subTopologySourceNodes,
                boolean repartitionRequired, InternalStreamsBuilder builder) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.subTopologySourceNodes = subTopologySourceNodes;
        this.repartitionRequired = repartitionRequired;
        this.builder = builder;
    }

    private <K1, V1> KStreamImpl<K1, V1> child(String childName, Serde<K1> keySerde, Serde<V1> valueSerde, boolean repartition) {
        return new KStreamImpl<>(childName, keySerde, valueSerde, subTopologySourceNodes, repartition, builder);
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return filter(predicate, NamedInternal.empty());
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        Objects.requireNonNull(predicate, "predicate can't be null");
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, FILTER_NAME);
        builder.addProcessor(n, new KStreamFilter<>(predicate, false), name);
        return child(n, keySerde, valueSerde, repartitionRequired);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return filterNot(predicate, NamedInternal.empty());
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        Objects.requireNonNull(predicate, "predicate can't be null");
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, FILTER_NAME);
        builder.addProcessor(n, new KStreamFilter<>(predicate, true), name);
        return child(n, keySerde, valueSerde, repartitionRequired);
    }

    @Override
    public <KOut> KStream<KOut, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KOut> mapper) {
        return selectKey(mapper, NamedInternal.empty());
    }

    @Override
    public <KOut> KStream<KOut, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KOut> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper can't be null");
        String n = internalSelectKey(mapper, NamedInternal.of(named));
        return child(n, null, valueSerde, true);
    }

    private <KOut> String internalSelectKey(KeyValueMapper<? super K, ? super V, ? extends KOut> mapper, NamedInternal named) {
        String n = named.orElseGenerateWithPrefix(builder, KEY_SELECT_NAME);
        builder.addProcessor(n, new KStreamMap<K, V, KOut, V>((k, v) -> KeyValue.pair(mapper.apply(k, v), v)), name);
        return n;
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KOut, ? extends VOut>> mapper) {
        return map(mapper, NamedInternal.empty());
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KOut, ? extends VOut>> mapper,
                                                Named named) {
        Objects.requireNonNull(mapper, "mapper can't be null");
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, MAP_NAME);
        builder.addProcessor(n, new KStreamMap<>(mapper), name);
        return child(n, null, null, true);
    }

    @Override
    public <VOut> KStream<K, VOut> mapValues(ValueMapper<? super V, ? extends VOut> mapper) {
        return mapValues(withKey(mapper), NamedInternal.empty());
    }

    @Override
    public <VOut> KStream<K, VOut> mapValues(ValueMapper<? super V, ? extends VOut> mapper, Named named) {
        return mapValues(withKey(mapper), named);
    }

    @Override
    public <VOut> KStream<K, VOut> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VOut> mapper) {
        return mapValues(mapper, NamedInternal.empty());
    }

    @Override
    public <VOut> KStream<K, VOut> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VOut> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper can't be null");
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, MAPVALUES_NAME);
        builder.addFixedKeyProcessor(n, new KStreamMapValues<>(mapper), name);
        return child(n, keySerde, null, repartitionRequired);
    }

    private static <K, V, VR> ValueMapperWithKey<K, V, VR> withKey(ValueMapper<V, VR> mapper) {
        Objects.requireNonNull(mapper, "mapper can't be null");
        return (k, v) -> mapper.apply(v);
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KOut, ? extends VOut>>> mapper) {
        return flatMap(mapper, NamedInternal.empty());
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KOut, ? extends VOut>>> mapper,
            Named named) {
        Objects.requireNonNull(mapper, "mapper can't be null");
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, FLATMAP_NAME);
        builder.addProcessor(n, new KStreamFlatMap<>(mapper), name);
        return child(n, null, null, true);
    }

    @Override
    public <VOut> KStream<K, VOut> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VOut>> mapper) {
        return flatMapValues(withKey(mapper), NamedInternal.empty());
    }

    @Override
    public <VOut> KStream<K, VOut> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VOut>> mapper, Named named) {
        return flatMapValues(withKey(mapper), named);
    }

    @Override
    public <VOut> KStream<K, VOut> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VOut>> mapper) {
        return flatMapValues(mapper, NamedInternal.empty());
    }

    @Override
    public <VOut> KStream<K, VOut> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VOut>> mapper,
                                                 Named named) {
        Objects.requireNonNull(mapper, "mapper can't be null");
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, FLATMAPVALUES_NAME);
        builder.addFixedKeyProcessor(n, new KStreamFlatMapValues<>(mapper), name);
        return child(n, keySerde, null, repartitionRequired);
    }

    @Override
    public void print(Printed<K, V> printed) {
        Objects.requireNonNull(printed, "printed can't be null");
        String n = NamedInternal.of(printed.name()).orElseGenerateWithPrefix(builder, PRINTING_NAME);
        String label = printed.label() != null ? printed.label() : n;
        KeyValueMapper<? super K, ? super V, String> mapper = printed.mapper();
        builder.addFixedKeyProcessor(n, new KStreamPeek<K, V>((k, v) -> {
            printed.out().println("[" + label + "]: " + mapper.apply(k, v));
            printed.out().flush();
        }, false), name);
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action) {
        foreach(action, NamedInternal.empty());
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action, Named named) {
        Objects.requireNonNull(action, "action can't be null");
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, FOREACH_NAME);
        builder.addFixedKeyProcessor(n, new KStreamPeek<>(action, false), name);
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action) {
        return peek(action, NamedInternal.empty());
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named) {
        Objects.requireNonNull(action, "action can't be null");
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, PEEK_NAME);
        builder.addFixedKeyProcessor(n, new KStreamPeek<>(action, true), name);
        return child(n, keySerde, valueSerde, repartitionRequired);
    }

    @Override
    public BranchedKStream<K, V> split() {
        return new BranchedKStreamImpl<>(this, repartitionRequired, NamedInternal.empty());
    }

    @Override
    public BranchedKStream<K, V> split(Named named) {
        Objects.requireNonNull(named, "named can't be null");
        return new BranchedKStreamImpl<>(this, repartitionRequired, NamedInternal.of(named));
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream) {
        return merge(stream, NamedInternal.empty());
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream, Named named) {
        Objects.requireNonNull(stream, "stream can't be null");
        KStreamImpl<K, V> other = (KStreamImpl<K, V>) stream;
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, MERGE_NAME);
        builder.addProcessor(n, new PassThrough<>(), name, other.name);
        Set<String> sources = new HashSet<>(subTopologySourceNodes);
        sources.addAll(other.subTopologySourceNodes);
        // neither serde can safely stand for both streams
        return new KStreamImpl<>(n, null, null, sources, repartitionRequired || other.repartitionRequired, builder);
    }

    @Override
    public void to(String topic) {
        to(topic, Produced.with(keySerde, valueSerde));
    }

    @Override
    public void to(String topic, Produced<K, V> produced) {
        Objects.requireNonNull(topic, "topic can't be null");
        Objects.requireNonNull(produced, "Produced can't be null");
        doTo(topic, null, produced);
    }

    @Override
    public void to(TopicNameExtractor<K, V> topicExtractor) {
        to(topicExtractor, Produced.with(keySerde, valueSerde));
    }

    @Override
    public void to(TopicNameExtractor<K, V> topicExtractor, Produced<K, V> produced) {
        Objects.requireNonNull(topicExtractor, "topicExtractor can't be null");
        Objects.requireNonNull(produced, "Produced can't be null");
        doTo(null, topicExtractor, produced);
    }

    private void doTo(String topic, TopicNameExtractor<K, V> extractor, Produced<K, V> produced) {
        Serde<K> ks = produced.keySerde() != null ? produced.keySerde() : keySerde;
        Serde<V> vs = produced.valueSerde() != null ? produced.valueSerde() : valueSerde;
        String n = NamedInternal.of(produced.name()).orElseGenerateWithPrefix(builder, SINK_NAME);
        builder.topologyBuilder.addSink(n, topic, extractor, InternalStreamsBuilder.serializer(ks),
                InternalStreamsBuilder.serializer(vs), name);
    }

    @Override
    public KTable<K, V> toTable() {
        return toTable(NamedInternal.empty(), Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> toTable(Named named) {
        return toTable(named, Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> toTable(Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return toTable(NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<K, V> toTable(Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        String n = NamedInternal.of(named).orElseGenerateWithPrefix(builder, TO_KTABLE_NAME);
        MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>> m = new MaterializedInternal<>(materialized, builder, TO_KTABLE_NAME);
        Serde<K> ks = m.keySerde() == null ? keySerde : m.keySerde();
        Serde<V> vs = m.valueSerde() == null ? valueSerde : m.valueSerde();
        String parent = name;
        Set<String> sources = subTopologySourceNodes;
        if (repartitionRequired) {
            parent = createRepartitionedSource(builder, ks, vs, n, name);
            sources = Set.of(parent);
        }
        if (m.keySerde() == null) m.withKeySerde(ks);
        if (m.valueSerde() == null) m.withValueSerde(vs);
        KTableSource<K, V> tableSource = new KTableSource<>(m.storeName(), m.queryableStoreName(), m.cachingEnabled(),
                KeyValueStoreMaterializer.builder(m));
        builder.addProcessor(n, tableSource, parent);
        if (tableSource.materialized()) builder.topologyBuilder.addStateStore(tableSource.storeBuilder(), n);
        return new KTableImpl<>(n, ks, vs, sources, m.queryableStoreName(), tableSource, builder);
    }

    /** Writes the stream through a repartition topic; see {@link RepartitionTopicNodes}. Returns the new source's name. */
    static <K1, V1> String createRepartitionedSource(InternalStreamsBuilder builder, Serde<K1> keySerde, Serde<V1> valueSerde,
                                                     String prefix, String parent) {
        return RepartitionTopicNodes.add(builder, keySerde, valueSerde, prefix, parent, null, null);
    }

    /** As above, with the processor in front of the sink ({@code -filter}): joins drop or keep null keys there. */
    static <K1, V1> String createRepartitionedSource(InternalStreamsBuilder builder, Serde<K1> keySerde, Serde<V1> valueSerde,
                                                     String prefix, String parent, ProcessorSupplier<K1, V1, K1, V1> filter) {
        return RepartitionTopicNodes.add(builder, keySerde, valueSerde, prefix, parent, null, null, filter);
    }

    @Override
    public KGroupedStream<K, V> groupByKey() {
        return groupByKey(Grouped.with(keySerde, valueSerde));
    }

    @Override
    public KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped) {
        Objects.requireNonNull(grouped, "grouped can't be null");
        return new KGroupedStreamImpl<>(name, subTopologySourceNodes, grouped, repartitionRequired, builder);
    }

    @Override
    public <KOut> KGroupedStream<KOut, V> groupBy(KeyValueMapper<? super K, ? super V, KOut> keySelector) {
        return groupBy(keySelector, Grouped.with(null, valueSerde));
    }

    @Override
    public <KOut> KGroupedStream<KOut, V> groupBy(KeyValueMapper<? super K, ? super V, KOut> keySelector, Grouped<KOut, V> grouped) {
        Objects.requireNonNull(keySelector, "keySelector can't be null");
        Objects.requireNonNull(grouped, "grouped can't be null");
        String n = internalSelectKey(keySelector, NamedInternal.of(grouped.name()));
        return new KGroupedStreamImpl<>(n, subTopologySourceNodes, grouped, true, builder);
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, ? extends KOut, ? extends VOut> supplier,
                                                    String... stateStoreNames) {
        return process(supplier, Named.as(builder.newProcessorName(PROCESSOR_NAME)), stateStoreNames);
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, ? extends KOut, ? extends VOut> supplier,
                                                    Named named, String... stateStoreNames) {
        Objects.requireNonNull(supplier, "processorSupplier can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(stateStoreNames, "stateStoreNames can't be a null array");
        String n = named.name();
        builder.addProcessor(n, supplier, name);
        if (stateStoreNames.length > 0) builder.topologyBuilder.connectProcessorAndStateStores(n, stateStoreNames);
        return child(n, null, null, true);
    }

    @Override
    public <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, ? extends VOut> supplier,
                                                 String... stateStoreNames) {
        return processValues(supplier, Named.as(builder.newProcessorName(PROCESSVALUES_NAME)), stateStoreNames);
    }

    @Override
    public <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, ? extends VOut> supplier,
                                                 Named named, String... stateStoreNames) {
        Objects.requireNonNull(supplier, "processorSupplier can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(stateStoreNames, "stateStoreNames can't be a null array");
        String n = named.name();
        builder.addFixedKeyProcessor(n, supplier, name);
        if (stateStoreNames.length > 0) builder.topologyBuilder.connectProcessorAndStateStores(n, stateStoreNames);
        return child(n, keySerde, null, repartitionRequired);
    }

    private static final String REPARTITION_NAME = "KSTREAM-REPARTITION-";

    @Override
    public KStream<K, V> repartition() {
        return repartition(Repartitioned.as(null));
    }

    /**
     * As Kafka Streams: the topic's key serde is the Repartitioned's (else the default), its value serde the
     * Repartitioned's or this stream's; the new stream has the Repartitioned's serdes or this stream's.
     */
    @Override
    public KStream<K, V> repartition(Repartitioned<K, V> repartitioned) {
        Objects.requireNonNull(repartitioned, "repartitioned cannot be null");
        RepartitionedInternal<K, V> r = new RepartitionedInternal<>(repartitioned);
        String n = r.name() != null ? r.name() : builder.newProcessorName(REPARTITION_NAME);
        Serde<K> ks = r.keySerde() != null ? r.keySerde() : keySerde;
        Serde<V> vs = r.valueSerde() != null ? r.valueSerde() : valueSerde;
        String source = RepartitionTopicNodes.add(builder, r.keySerde(), vs, n, name, r.streamPartitioner(), r.numberOfPartitions());
        return new KStreamImpl<>(source, ks, vs, Set.of(source), false, builder);
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return join(table, KStreamImplJoin.<K, V, VT, VR>withKey(joiner));
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner) {
        return join(table, joiner, Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                        Joined<K, V, VT> joined) {
        Objects.requireNonNull(table, "table cannot be null");
        return join(table, KStreamImplJoin.<K, V, VT, VR>withKey(joiner), joined);
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                        Joined<K, V, VT> joined) {
        return StreamTableJoinBuilder.join(this, table, joiner, joined, false);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return leftJoin(table, KStreamImplJoin.<K, V, VT, VR>withKey(joiner));
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner) {
        return leftJoin(table, joiner, Joined.with(null, null, null));
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                            Joined<K, V, VT> joined) {
        Objects.requireNonNull(table, "table cannot be null");
        return leftJoin(table, KStreamImplJoin.<K, V, VT, VR>withKey(joiner), joined);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                            Joined<K, V, VT> joined) {
        return StreamTableJoinBuilder.join(this, table, joiner, joined, true);
    }

    // stream-stream joins; the work is in KStreamImplJoin

    /** This stream's repartition topic for joins, once a join made one (see JoinRepartition). */
    JoinRepartition<K, V> joinRepartition;

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        JoinWindows windows) {
        return join(otherStream, KStreamImplJoin.withKey(joiner), windows);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                        JoinWindows windows) {
        return join(otherStream, joiner, windows, StreamJoined.with(null, null, null));
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return join(otherStream, KStreamImplJoin.withKey(joiner), windows, streamJoined);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                        ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                        JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return new KStreamImplJoin(builder, false, false).doJoin(this, otherStream, joiner, windows, streamJoined);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows) {
        return leftJoin(otherStream, KStreamImplJoin.withKey(joiner), windows);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                            ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows) {
        return leftJoin(otherStream, joiner, windows, StreamJoined.with(null, null, null));
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return leftJoin(otherStream, KStreamImplJoin.withKey(joiner), windows, streamJoined);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                            ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                            JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return new KStreamImplJoin(builder, true, false).doJoin(this, otherStream, joiner, windows, streamJoined);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                             JoinWindows windows) {
        return outerJoin(otherStream, KStreamImplJoin.withKey(joiner), windows);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                             ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                             JoinWindows windows) {
        return outerJoin(otherStream, joiner, windows, StreamJoined.with(null, null, null));
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                             JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return outerJoin(otherStream, KStreamImplJoin.withKey(joiner), windows, streamJoined);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                             ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                             JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        return new KStreamImplJoin(builder, true, true).doJoin(this, otherStream, joiner, windows, streamJoined);
    }

    // stream-globalTable joins; the work is in KStreamGlobalKTableJoin

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                            ValueJoiner<? super V, ? super GV, ? extends RV> joiner) {
        return join(globalTable, keySelector, KStreamImplJoin.withKey(joiner), NamedInternal.empty());
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                            ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner) {
        return join(globalTable, keySelector, joiner, NamedInternal.empty());
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                            ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named) {
        return join(globalTable, keySelector, KStreamImplJoin.withKey(joiner), named);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                            ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner, Named named) {
        return KStreamGlobalKTableJoin.join(this, globalTable, keySelector, KStreamGlobalKTableJoin.withStreamKey(joiner), false, named);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                                ValueJoiner<? super V, ? super GV, ? extends RV> joiner) {
        return leftJoin(globalTable, keySelector, KStreamImplJoin.withKey(joiner), NamedInternal.empty());
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                                ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner) {
        return leftJoin(globalTable, keySelector, joiner, NamedInternal.empty());
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                                ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named) {
        return leftJoin(globalTable, keySelector, KStreamImplJoin.withKey(joiner), named);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                                ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner, Named named) {
        return KStreamGlobalKTableJoin.join(this, globalTable, keySelector, KStreamGlobalKTableJoin.withStreamKey(joiner), true, named);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                            ValueJoinerWithStreamAndMappedKey<? super K, ? super GK, ? super V, ? super GV, ? extends RV> joiner) {
        return join(globalTable, keySelector, joiner, NamedInternal.empty());
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable, KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                            ValueJoinerWithStreamAndMappedKey<? super K, ? super GK, ? super V, ? super GV, ? extends RV> joiner,
                                            Named named) {
        return KStreamGlobalKTableJoin.join(this, globalTable, keySelector, joiner, false, named);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                                ValueJoinerWithStreamAndMappedKey<? super K, ? super GK, ? super V, ? super GV, ? extends RV> joiner) {
        return leftJoin(globalTable, keySelector, joiner, NamedInternal.empty());
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                                KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                                ValueJoinerWithStreamAndMappedKey<? super K, ? super GK, ? super V, ? super GV, ? extends RV> joiner,
                                                Named named) {
        return KStreamGlobalKTableJoin.join(this, globalTable, keySelector, joiner, true, named);
    }
}
