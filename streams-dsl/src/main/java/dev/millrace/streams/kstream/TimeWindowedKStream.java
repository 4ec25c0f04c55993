package dev.millrace.streams.kstream;

import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

/** A grouped stream cut into time windows (tumbling, hopping or sliding), ready to aggregate per key and window. */
public interface TimeWindowedKStream<K, V> {
    KTable<Windowed<K>, Long> count();

    KTable<Windowed<K>, Long> count(Named named);

    KTable<Windowed<K>, Long> count(Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Named named);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized);

    <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                           Named named, Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);
}
