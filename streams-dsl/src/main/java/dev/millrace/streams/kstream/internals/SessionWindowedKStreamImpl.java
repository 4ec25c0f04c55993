package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Merger;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.Reducer;
import dev.millrace.streams.kstream.SessionWindowedKStream;
import dev.millrace.streams.kstream.SessionWindows;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.WindowedSerdes;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/**
 * Session aggregations, named as Kafka Streams names them (count with a Materialized takes an extra number when the
 * store is unnamed); the table's keys use the session-windowed serde. Count merges by adding; reduce merges by
 * reducing the later session into the earlier.
 */
final class SessionWindowedKStreamImpl<K, V> implements SessionWindowedKStream<K, V> {
    private final SessionWindows windows;
    private final KGroupedStreamImpl<K, V> grouped;
    private final InternalStreamsBuilder builder;

    SessionWindowedKStreamImpl(SessionWindows windows, KGroupedStreamImpl<K, V> grouped) {
        this.windows = windows;
        this.grouped = grouped;
        this.builder = grouped.builder();
    }

    @Override
    public KTable<Windowed<K>, Long> count() {
        return count(NamedInternal.empty());
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named) {
        return doCount(named, Materialized.with(grouped.keySerde(), Serdes.Long()));
    }

    @Override
    public KTable<Windowed<K>, Long> count(Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized) {
        return count(NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(materialized, "materialized can't be null");
        if (new MaterializedInternal<>(materialized).storeName() == null) builder.newStoreName(KGroupedStreamImpl.AGGREGATE_NAME);
        return doCount(named, materialized);
    }

    private KTable<Windowed<K>, Long> doCount(Named named, Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized) {
        MaterializedInternal<K, Long, SessionStore<Bytes, byte[]>> m =
                new MaterializedInternal<>(materialized, builder, KGroupedStreamImpl.AGGREGATE_NAME);
        if (m.keySerde() == null) m.withKeySerde(grouped.keySerde());
        if (m.valueSerde() == null) m.withValueSerde(Serdes.Long());
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, m, () -> 0L, (k, v, agg) -> agg + 1, (k, a, b) -> a + b);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger) {
        return aggregate(initializer, aggregator, sessionMerger, Materialized.with(grouped.keySerde(), null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger, Named named) {
        return aggregate(initializer, aggregator, sessionMerger, named, Materialized.with(grouped.keySerde(), null));
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger,
                                                  Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, sessionMerger, NamedInternal.empty(), materialized);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                  Merger<? super K, VR> sessionMerger, Named named,
                                                  Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(aggregator, "aggregator can't be null");
        Objects.requireNonNull(sessionMerger, "sessionMerger can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, VR, SessionStore<Bytes, byte[]>> m =
                new MaterializedInternal<>(materialized, builder, KGroupedStreamImpl.AGGREGATE_NAME);
        if (m.keySerde() == null) m.withKeySerde(grouped.keySerde());
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, m, initializer, aggregator, sessionMerger);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, NamedInternal.empty());
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named) {
        return reduce(reducer, named, Materialized.with(grouped.keySerde(), grouped.valueSerde()));
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        return reduce(reducer, NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer can't be null");
        Objects.requireNonNull(named, "named can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        MaterializedInternal<K, V, SessionStore<Bytes, byte[]>> m =
                new MaterializedInternal<>(materialized, builder, KGroupedStreamImpl.REDUCE_NAME);
        if (m.keySerde() == null) m.withKeySerde(grouped.keySerde());
        if (m.valueSerde() == null) m.withValueSerde(grouped.valueSerde());
        Aggregator<K, V, V> aggregator = ReducerAggregators.of(reducer);
        return build(named, KGroupedStreamImpl.REDUCE_NAME, m, () -> null, aggregator,
                (key, one, two) -> aggregator.apply(key, two, one));
    }

    private <VR> KTable<Windowed<K>, VR> build(Named named, String prefix, MaterializedInternal<K, VR, SessionStore<Bytes, byte[]>> m,
                                                Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator,
                                                Merger<? super K, VR> merger) {
        String name = NamedInternal.of(named).orElseGenerateWithPrefix(builder, prefix);
        WindowStoreMaterializer.SessionStoreFactory<K, VR> store = WindowStoreMaterializer.forSessions(m, windows);
        return grouped.doAggregate(
                new KStreamSessionWindowAggregate<>(windows, m.storeName(), m.cachingEnabled(), initializer, aggregator, merger,
                        store.retentionPeriod()),
                name, m.storeName(), store.builder(),
                m.keySerde() == null ? null : new WindowedSerdes.SessionWindowedSerde<>(m.keySerde()),
                m.valueSerde(), m.queryableStoreName(), windows.gracePeriodMs() + windows.inactivityGap());
    }
}
