package dev.millrace.streams.kstream;

import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

/** A grouped stream cut into sessions, ready to aggregate per key and session; merging sessions needs a {@link Merger}. */
public interface SessionWindowedKStream<K, V> {
    KTable<Windowed<K>, Long> count();

    KTable<Windowed<K>, Long> count(Named named);

    KTable<Windowed<K>, Long> count(Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger, Named named);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger,
                                           Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Merger<? super K, VR> sessionMerger, Named named,
                                           Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);
}
