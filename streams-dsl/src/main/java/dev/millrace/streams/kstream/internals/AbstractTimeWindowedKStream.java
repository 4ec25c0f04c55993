package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.TimeWindowedKStream;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/**
 * A grouped stream in tumbling, hopping or sliding windows: the aggregate overloads; count and reduce are
 * aggregations too (count adds one, reduce starts from the first value). A subclass says how its kind of window is
 * stored and aggregated.
 */
abstract class AbstractTimeWindowedKStream<K, V> extends AbstractWindowedKStream<K, V, WindowStore<Bytes, byte[]>>
        implements TimeWindowedKStream<K, V> {
    AbstractTimeWindowedKStream(KGroupedStreamImpl<K, V> grouped, boolean countTakesExtraNumber) {
        super(grouped, countTakesExtraNumber);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, Materialized.with(grouped.keySerde(), null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Named named) {
        return aggregate(initializer, aggregator, named, Materialized.with(grouped.keySerde(), null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, NamedInternal.empty(), materialized);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Named named, Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(aggregator, "aggregator can't be null");
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, aggregateStore(materialized), initializer, aggregator);
    }

    @Override
    final KTable<Windowed<K>, Long> buildCount(Named named, MaterializedInternal<K, Long, WindowStore<Bytes, byte[]>> m) {
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, m, () -> 0L, (k, v, agg) -> agg + 1);
    }

    @Override
    final KTable<Windowed<K>, V> buildReduce(Named named, MaterializedInternal<K, V, WindowStore<Bytes, byte[]>> m,
                                             Aggregator<K, V, V> reducing) {
        return build(named, KGroupedStreamImpl.REDUCE_NAME, m, nothing(), reducing);
    }

    /** Adds the aggregation with its store, named {@code named} or generated with {@code prefix}. */
    abstract <VR> KTable<Windowed<K>, VR> build(Named named, String prefix, MaterializedInternal<K, VR, WindowStore<Bytes, byte[]>> m,
                                                Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator);
}
