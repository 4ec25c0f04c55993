package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.state.StoreBuilder;
import org.apache.kafka.common.serialization.Serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a cogroup's nodes in Kafka Streams' order and with its names: a repartition topic for each grouped stream
 * whose key may have changed (named after the grouping, else the store), one aggregation processor per stream
 * ({@code COGROUPKSTREAM-AGGREGATE-}, or {@code <name>-cogroup-agg-<i>}) all writing one store, and a merge node
 * ({@code COGROUPKSTREAM-MERGE-}, or {@code <name>-cogroup-merge}) that is the table. One builder serves every
 * aggregation of a cogroup, so a second one reuses the repartition topics of the first (taking their names all the
 * same, as Kafka Streams does).
 */
final class CogroupedStreamAggregateBuilder<K, VOut> {
    static final String AGGREGATE_NAME = "COGROUPKSTREAM-AGGREGATE-";
    static final String MERGE_NAME = "COGROUPKSTREAM-MERGE-";

    /** Makes the aggregation processor of one cogrouped stream. */
    @FunctionalInterface
    interface AggregateFactory<K, KR, VOut> {
        KStreamAggProcessorSupplier<K, Object, KR, VOut> create(Aggregator<? super K, Object, VOut> aggregator,
                                                                SharedStoreState sharedState);
    }

    private final InternalStreamsBuilder builder;
    private final Map<KGroupedStreamImpl<K, ?>, String> parentNodes = new HashMap<>();

    CogroupedStreamAggregateBuilder(InternalStreamsBuilder builder) {
        this.builder = builder;
    }

    /**
     * @param windowGraceMs how long after a window's end it closes (for {@code suppress(untilWindowCloses)}); null if
     *                      the aggregation is not windowed
     */
    <KR> KTable<KR, VOut> build(Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, VOut>> groupPatterns,
                                NamedInternal named, String storeName, StoreBuilder<?> store,
                                AggregateFactory<K, KR, VOut> factory, Serde<KR> keySerde, Serde<VOut> valueSerde,
                                String queryableStoreName, Long windowGraceMs) {
        processRepartitions(groupPatterns, storeName);
        SharedStoreState sharedState = new SharedStoreState();
        List<KStreamAggProcessorSupplier<?, ?, ?, ?>> aggregations = new ArrayList<>();
        List<String> aggregationNames = new ArrayList<>();
        for (Map.Entry<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, VOut>> pattern : groupPatterns.entrySet()) {
            String name = named.suffixWithOrElseGet("-cogroup-agg-" + aggregations.size(), builder, AGGREGATE_NAME);
            KStreamAggProcessorSupplier<K, Object, KR, VOut> aggregation = factory.create(pattern.getValue(), sharedState);
            builder.addProcessor(name, aggregation, parentNodes.get(pattern.getKey()));
            if (aggregations.isEmpty()) builder.topologyBuilder.addStateStore(store, name);
            else builder.topologyBuilder.connectProcessorAndStateStores(name, storeName);
            aggregations.add(aggregation);
            aggregationNames.add(name);
        }
        String mergeName = named.suffixWithOrElseGet("-cogroup-merge", builder, MERGE_NAME);
        KTablePassThrough<KR, VOut> merge = new KTablePassThrough<>(aggregations, storeName);
        builder.addProcessor(mergeName, merge, aggregationNames.toArray(new String[0]));
        KTableImpl<KR, VOut, VOut> table = new KTableImpl<>(mergeName, keySerde, valueSerde, Set.of(mergeName),
                queryableStoreName, merge, builder);
        table.windowGraceMs = windowGraceMs;
        return table;
    }

    private void processRepartitions(Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, VOut>> groupPatterns,
                                     String storeName) {
        for (KGroupedStreamImpl<K, ?> grouped : groupPatterns.keySet()) {
            if (!grouped.repartitionRequired()) {
                parentNodes.put(grouped, grouped.name());
                continue;
            }
            if (parentNodes.containsKey(grouped)) {
                // the topic exists already; Kafka Streams takes the sink, filter and source names anyway
                for (int i = 0; i < 3; i++) builder.newProcessorName("");
                continue;
            }
            String prefix = grouped.repartitionName() != null ? grouped.repartitionName() : storeName;
            parentNodes.put(grouped, KStreamImpl.createRepartitionedSource(builder, grouped.keySerde(), grouped.valueSerde(),
                    prefix, grouped.name()));
        }
    }
}
