package dev.millrace.streams.kstream;

import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

/** A cogrouped stream in time windows (tumbling, hopping or sliding), as Kafka Streams' interface of that name. */
public interface TimeWindowedCogroupedKStream<K, V> {
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named,
                                     Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);
}
