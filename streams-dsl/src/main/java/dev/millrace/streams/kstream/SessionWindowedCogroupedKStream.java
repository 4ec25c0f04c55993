package dev.millrace.streams.kstream;

import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * A cogrouped stream in session windows, as Kafka Streams' interface of that name; the {@link Merger} combines the
 * aggregates of sessions a record joins together.
 */
public interface SessionWindowedCogroupedKStream<K, V> {
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
                                     Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named,
                                     Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);
}
