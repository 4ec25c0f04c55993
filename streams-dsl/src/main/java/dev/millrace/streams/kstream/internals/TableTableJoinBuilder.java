package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.ValueJoiner;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a table-table join ({@code KTable.join/leftJoin/outerJoin}) as Kafka Streams does: names taken in the order
 * store (if a Materialized without a name), {@code KTABLE-MERGE-<n>}, {@code KTABLE-JOINTHIS-<n>},
 * {@code KTABLE-JOINOTHER-<n>} (or {@code <name>}, {@code <name>-join-this}, {@code <name>-join-other}); each side's
 * processor under its table, connected to the other table's stores; the merge processor under both, with the
 * result's store when materialized. A left (outer) join needs old values from the left (both) table(s).
 */
final class TableTableJoinBuilder {
    private static final String JOINTHIS_NAME = "KTABLE-JOINTHIS-";
    private static final String JOINOTHER_NAME = "KTABLE-JOINOTHER-";
    static final String MERGE_NAME = "KTABLE-MERGE-";

    private TableTableJoinBuilder() {
    }

    static <K, VR> MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> materialized(
            InternalStreamsBuilder builder, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized can't be null");
        return new MaterializedInternal<>(materialized, builder, MERGE_NAME);
    }

    @SuppressWarnings("unchecked")
    static <K, V, VO, VR> KTable<K, VR> join(KTableImpl<K, ?, V> left, KTable<K, VO> other,
                                             ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
                                             MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> m,
                                             boolean leftOuter, boolean rightOuter) {
        Objects.requireNonNull(other, "other can't be null");
        Objects.requireNonNull(joiner, "joiner can't be null");
        Objects.requireNonNull(named, "joinName can't be null");
        KTableImpl<K, ?, VO> right = (KTableImpl<K, ?, VO>) other;
        InternalStreamsBuilder builder = left.builder;
        NamedInternal renamed = NamedInternal.of(named);
        String mergeName = renamed.orElseGenerateWithPrefix(builder, MERGE_NAME);
        if (leftOuter) left.enableSendingOldValues(true);
        if (rightOuter) right.enableSendingOldValues(true);

        KTableKTableJoin.Kind thisKind = !leftOuter ? KTableKTableJoin.Kind.INNER
                : rightOuter ? KTableKTableJoin.Kind.OUTER : KTableKTableJoin.Kind.LEFT;
        KTableKTableJoin.Kind otherKind = !leftOuter ? KTableKTableJoin.Kind.INNER
                : rightOuter ? KTableKTableJoin.Kind.OUTER : KTableKTableJoin.Kind.RIGHT;
        KTableKTableJoin<K, V, VO, VR> joinThis = new KTableKTableJoin<>(left, right, joiner, thisKind);
        KTableKTableJoin<K, VO, V, VR> joinOther = new KTableKTableJoin<>(right, left, (o, t) -> joiner.apply(t, o), otherKind);
        String joinThisName = renamed.suffixWithOrElseGet("-join-this", builder, JOINTHIS_NAME);
        String joinOtherName = renamed.suffixWithOrElseGet("-join-other", builder, JOINOTHER_NAME);

        Serde<K> keySerde = left.keySerde;
        Serde<VR> valueSerde = null;
        String storeName = null;
        boolean caching = false;
        if (m != null) {
            if (m.keySerde() == null) m.withKeySerde(left.keySerde);
            keySerde = m.keySerde();
            valueSerde = m.valueSerde();
            storeName = m.storeName();
            caching = m.cachingEnabled();
        }
        KTableKTableJoinMerger<K, VR> merger = new KTableKTableJoinMerger<>(joinThis, joinOther, storeName, caching);
        String[] thisStores = left.valueGetterSupplier().storeNames();
        String[] otherStores = right.valueGetterSupplier().storeNames();
        builder.addProcessor(joinThisName, joinThis, left.name);
        builder.addProcessor(joinOtherName, joinOther, right.name);
        builder.addProcessor(mergeName, merger, joinThisName, joinOtherName);
        builder.topologyBuilder.connectProcessorAndStateStores(joinThisName, otherStores);
        builder.topologyBuilder.connectProcessorAndStateStores(joinOtherName, thisStores);
        if (m != null) builder.topologyBuilder.addStateStore(KeyValueStoreMaterializer.builder(m), mergeName);

        Set<String> sources = new HashSet<>(left.subTopologySourceNodes);
        sources.addAll(right.subTopologySourceNodes);
        return new KTableImpl<>(mergeName, keySerde, valueSerde, sources, storeName, merger, builder);
    }
}
