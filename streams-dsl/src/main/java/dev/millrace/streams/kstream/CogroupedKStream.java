package dev.millrace.streams.kstream;

import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * Several grouped streams with the same key type aggregated into one table, as Kafka Streams' {@code CogroupedKStream}:
 * each stream folds its records into the shared aggregate with its own {@link Aggregator}, so one store holds the
 * result instead of one per stream plus joins.
 */
public interface CogroupedKStream<K, VAgg> {
    /** Adds a grouped stream with the aggregator for its records; adding the same stream again replaces its aggregator. */
    <V> CogroupedKStream<K, VAgg> cogroup(KGroupedStream<K, V> groupedStream, Aggregator<? super K, ? super V, VAgg> aggregator);

    KTable<K, VAgg> aggregate(Initializer<VAgg> initializer);

    KTable<K, VAgg> aggregate(Initializer<VAgg> initializer, Named named);

    KTable<K, VAgg> aggregate(Initializer<VAgg> initializer, Materialized<K, VAgg, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, VAgg> aggregate(Initializer<VAgg> initializer, Named named,
                              Materialized<K, VAgg, KeyValueStore<Bytes, byte[]>> materialized);

    /** Tumbling or hopping windows ({@link TimeWindows}). */
    <W extends Window> TimeWindowedCogroupedKStream<K, VAgg> windowedBy(Windows<W> windows);

    TimeWindowedCogroupedKStream<K, VAgg> windowedBy(SlidingWindows windows);

    SessionWindowedCogroupedKStream<K, VAgg> windowedBy(SessionWindows windows);
}
