package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Joined;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.ValueJoinerWithKey;
import org.apache.kafka.common.serialization.Serde;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a stream-table join ({@code KStream.join/leftJoin(KTable)}) as Kafka Streams does: a stream whose key may
 * have changed first goes through {@code <joined name or stream node name>-repartition}; then the join processor
 * ({@code KSTREAM-JOIN-<n>} / {@code KSTREAM-LEFTJOIN-<n>}, or the Joined's name) under the stream, connected to the
 * stores the table's value getter reads (materializing a store-less source table), which puts stream and table in one
 * sub-topology: the runtime then requires their topics to be co-partitioned.
 */
final class StreamTableJoinBuilder {
    static final String JOIN_NAME = "KSTREAM-JOIN-";
    static final String LEFTJOIN_NAME = "KSTREAM-LEFTJOIN-";

    private StreamTableJoinBuilder() {
    }

    static <K, V, VT, VR> KStream<K, VR> join(KStreamImpl<K, V> stream, KTable<K, VT> table,
                                              ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                              Joined<K, V, VT> joined, boolean leftJoin) {
        Objects.requireNonNull(table, "table cannot be null");
        Objects.requireNonNull(joiner, "joiner cannot be null");
        Objects.requireNonNull(joined, "joined cannot be null");
        if (joined.gracePeriod() != null) {
            throw new UnsupportedOperationException("Joined.withGracePeriod (a stream-table join buffering records for a "
                    + "versioned table) is not implemented yet");
        }
        KStreamImpl<K, V> left = stream;
        if (stream.repartitionRequired) {
            // the repartition node stream-stream joins use too: a left join keeps null keys through the topic
            left = JoinRepartition.of(stream, joined.name() != null ? joined.name() : stream.name, joined.keySerde(),
                    joined.valueSerde(), leftJoin);
        }
        KTableImpl<K, ?, VT> t = (KTableImpl<K, ?, VT>) table;
        InternalStreamsBuilder builder = stream.builder;
        String name = NamedInternal.of(joined.name()).orElseGenerateWithPrefix(builder, leftJoin ? LEFTJOIN_NAME : JOIN_NAME);
        KTableValueGetterSupplier<K, VT> getter = t.valueGetterSupplier();
        builder.addProcessor(name, new KStreamKTableJoin<K, V, K, VT, VR>(getter, (k, v) -> k, joiner, leftJoin), left.name);
        builder.topologyBuilder.connectProcessorAndStateStores(name, getter.storeNames());
        Set<String> sources = new HashSet<>(left.subTopologySourceNodes);
        sources.addAll(t.subTopologySourceNodes);
        Serde<K> keySerde = joined.keySerde() != null ? joined.keySerde() : left.keySerde;
        return new KStreamImpl<>(name, keySerde, null, sources, false, builder);
    }
}
