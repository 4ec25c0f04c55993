package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Merger;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.SessionWindowedCogroupedKStream;
import dev.millrace.streams.kstream.SessionWindows;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.WindowedSerdes;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

import java.util.Map;
import java.util.Objects;

/**
 * A cogroup in session windows: one session aggregation per stream on one session store, merging sessions with the
 * given {@link Merger}. Without a Materialized the store and the table's keys use the default serdes.
 */
final class SessionWindowedCogroupedKStreamImpl<K, V> implements SessionWindowedCogroupedKStream<K, V> {
    private final SessionWindows windows;
    private final InternalStreamsBuilder builder;
    private final Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, V>> groupPatterns;
    private final CogroupedStreamAggregateBuilder<K, V> aggregateBuilder;

    SessionWindowedCogroupedKStreamImpl(SessionWindows windows, InternalStreamsBuilder builder,
                                        Map<KGroupedStreamImpl<K, ?>, Aggregator<? super K, Object, V>> groupPatterns,
                                        CogroupedStreamAggregateBuilder<K, V> aggregateBuilder) {
        this.windows = windows;
        this.builder = builder;
        this.groupPatterns = groupPatterns;
        this.aggregateBuilder = aggregateBuilder;
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger) {
        return aggregate(initializer, sessionMerger, Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named) {
        return aggregate(initializer, sessionMerger, named, Materialized.with(null, null));
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
                                            Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, sessionMerger, NamedInternal.empty(), materialized);
    }

    @Override
    public KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named,
                                            Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer can't be null");
        Objects.requireNonNull(sessionMerger, "sessionMerger can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        Objects.requireNonNull(named, "named can't be null");
        MaterializedInternal<K, V, SessionStore<Bytes, byte[]>> m =
                new MaterializedInternal<>(materialized, builder, CogroupedStreamAggregateBuilder.AGGREGATE_NAME);
        WindowStoreMaterializer.SessionStoreFactory<K, V> store = WindowStoreMaterializer.forSessions(m, windows);
        return aggregateBuilder.build(groupPatterns, NamedInternal.of(named), m.storeName(), store.builder(),
                (aggregator, shared) -> new KStreamSessionWindowAggregate<>(windows, m.storeName(), m.cachingEnabled(),
                        initializer, aggregator, sessionMerger, store.retentionPeriod(), shared),
                m.keySerde() == null ? null : new WindowedSerdes.SessionWindowedSerde<>(m.keySerde()),
                m.valueSerde(), m.queryableStoreName(), windows.gracePeriodMs() + windows.inactivityGap());
    }
}
