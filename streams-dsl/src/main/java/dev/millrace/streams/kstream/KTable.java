package dev.millrace.streams.kstream;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A changelog stream seen as a table: the latest value per key, a null value deleting the key, as Kafka Streams'
 * {@code KTable}. A filter or mapValues without a store name computes on the fly; with one it is materialized.
 */
public interface KTable<K, V> {
    KTable<K, V> filter(Predicate<? super K, ? super V> predicate);

    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named,
                        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named,
                           Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper);

    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named);

    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    KStream<K, V> toStream();

    KStream<K, V> toStream(Named named);

    <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

    /**
     * Holds updates back and forwards them later, driven by stream time: only final window results
     * ({@link Suppressed#untilWindowCloses}) or a key's latest value after a wait ({@link Suppressed#untilTimeLimit}).
     */
    KTable<K, V> suppress(Suppressed<? super K> suppressed);

    /** The store name when the table is materialized under a name the user gave, else null. */
    String queryableStoreName();

    /**
     * Joins with another table of the same key: a row when both have one ({@code join}), when this one has one
     * ({@code leftJoin}, the other's value null if missing), or when either has ({@code outerJoin}). Updates of either
     * side update the result; the result's timestamp is the larger of the two rows'.
     */
    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named);

    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
                                Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named);

    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named);

    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                     Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner, Named named,
                                     Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * Regroups the table by a new key: each row is mapped to a new key and value, and aggregations of the result
     * follow the table's updates and deletes (the old value subtracted, the new one added).
     */
    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector);

    <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector,
                                           Grouped<KR, VR> grouped);

    /**
     * Joins each row with the row of {@code other} whose key the extractor takes from it (a foreign key): an inner
     * join has a result only while that row exists; a left join has one for every row, the other's value null if
     * missing. Either table's updates update the result.
     */
    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                    Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other, BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);
}
