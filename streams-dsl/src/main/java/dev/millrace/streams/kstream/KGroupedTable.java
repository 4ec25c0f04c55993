package dev.millrace.streams.kstream;

import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * A table regrouped by {@code KTable.groupBy}: rows travel through a repartition topic to their new key, and each
 * aggregation subtracts a row's old value before adding its new one, so the aggregate follows updates and deletes.
 */
public interface KGroupedTable<K, V> {
    KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, Long> count();

    KTable<K, Long> count(Named named);

    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor, Named named,
                        Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> reduce(Reducer<V> adder, Reducer<V> subtractor);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor, Named named,
                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> adder,
                                 Aggregator<? super K, ? super V, VR> subtractor, Named named);
}
