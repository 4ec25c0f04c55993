package dev.millrace.streams.kstream;

import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

/** A stream grouped by key, ready to aggregate into a {@link KTable}; null keys and values are skipped. */
public interface KGroupedStream<K, V> {
    KTable<K, Long> count();

    KTable<K, Long> count(Named named);

    KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> reduce(Reducer<V> reducer);

    KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    <VOut> KTable<K, VOut> aggregate(Initializer<VOut> initializer, Aggregator<? super K, ? super V, VOut> aggregator);

    <VOut> KTable<K, VOut> aggregate(Initializer<VOut> initializer, Aggregator<? super K, ? super V, VOut> aggregator,
                                     Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized);

    <VOut> KTable<K, VOut> aggregate(Initializer<VOut> initializer, Aggregator<? super K, ? super V, VOut> aggregator,
                                     Named named, Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized);

    /** Tumbling or hopping windows ({@link TimeWindows}). */
    <W extends Window> TimeWindowedKStream<K, V> windowedBy(Windows<W> windows);

    TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows);

    SessionWindowedKStream<K, V> windowedBy(SessionWindows windows);

    /** Starts a cogroup with this stream and its aggregator; more grouped streams join with {@link CogroupedKStream#cogroup}. */
    <VOut> CogroupedKStream<K, VOut> cogroup(Aggregator<? super K, ? super V, VOut> aggregator);
}
