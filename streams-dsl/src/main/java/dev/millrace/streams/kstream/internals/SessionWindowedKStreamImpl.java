package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Initializer;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Merger;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.SessionWindowedKStream;
import dev.millrace.streams.kstream.SessionWindows;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.WindowedSerdes;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/**
 * Session aggregations, named as Kafka Streams names them (count with a Materialized takes an extra number when the
 * store is unnamed); the table's keys use the session-windowed serde. Count merges by adding; reduce merges by
 * reducing the later session into the earlier.
 */
final class SessionWindowedKStreamImpl<K, V> extends AbstractWindowedKStream<K, V, SessionStore<Bytes, byte[]>>
        implements SessionWindowedKStream<K, V> {
    private final SessionWindows windows;

    SessionWindowedKStreamImpl(SessionWindows windows, KGroupedStreamImpl<K, V> grouped) {
        super(grouped, true);
        this.windows = windows;
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
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, aggregateStore(materialized), initializer, aggregator, sessionMerger);
    }

    @Override
    KTable<Windowed<K>, Long> buildCount(Named named, MaterializedInternal<K, Long, SessionStore<Bytes, byte[]>> m) {
        return build(named, KGroupedStreamImpl.AGGREGATE_NAME, m, () -> 0L, (k, v, agg) -> agg + 1, (k, a, b) -> a + b);
    }

    @Override
    KTable<Windowed<K>, V> buildReduce(Named named, MaterializedInternal<K, V, SessionStore<Bytes, byte[]>> m,
                                       Aggregator<K, V, V> reducing) {
        return build(named, KGroupedStreamImpl.REDUCE_NAME, m, nothing(), reducing,
                (key, one, two) -> reducing.apply(key, two, one));
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
