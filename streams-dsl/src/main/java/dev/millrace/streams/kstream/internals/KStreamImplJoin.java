package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.kstream.JoinWindows;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.StreamJoined;
import dev.millrace.streams.kstream.ValueJoiner;
import dev.millrace.streams.kstream.ValueJoinerWithKey;
import dev.millrace.streams.state.KeyValueBytesStoreSupplier;
import dev.millrace.streams.state.StoreBuilder;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.WindowBytesStoreSupplier;
import dev.millrace.streams.state.internals.InMemoryWindowBytesStoreSupplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a stream-stream join into the topology as Kafka Streams does, with its names: a {@code KSTREAM-WINDOWED}
 * node under each input that keeps the side's records in a window store retaining duplicates
 * ({@code KSTREAM-JOINTHIS-<n>-store}, {@code KSTREAM-JOINOTHER-<n>-store}, {@code OUTERTHIS}/{@code OUTEROTHER} for an
 * outer side), a join processor per side reading the other side's store, a {@code KSTREAM-MERGE} node joining their
 * results, and for left/outer joins the shared store of records still waiting for a partner
 * ({@code KSTREAM-OUTERSHARED-<n>-store}). A {@link dev.millrace.streams.kstream.StreamJoined} name or store name
 * replaces the generated names ({@code <name>-this-windowed}, {@code <store>-this-join-store}, ...).
 */
final class KStreamImplJoin {
    private static final String WINDOWED_NAME = "KSTREAM-WINDOWED-";
    private static final String JOINTHIS_NAME = "KSTREAM-JOINTHIS-";
    private static final String JOINOTHER_NAME = "KSTREAM-JOINOTHER-";
    private static final String OUTERTHIS_NAME = "KSTREAM-OUTERTHIS-";
    private static final String OUTEROTHER_NAME = "KSTREAM-OUTEROTHER-";
    private static final String OUTERSHARED_NAME = "KSTREAM-OUTERSHARED-";

    private final InternalStreamsBuilder builder;
    private final boolean leftOuter;
    private final boolean rightOuter;

    KStreamImplJoin(InternalStreamsBuilder builder, boolean leftOuter, boolean rightOuter) {
        this.builder = builder;
        this.leftOuter = leftOuter;
        this.rightOuter = rightOuter;
    }

    /** Adapts a joiner that does not look at the key; Kafka Streams' null check and message. */
    static <K, V1, V2, VR> ValueJoinerWithKey<K, V1, V2, VR> withKey(ValueJoiner<? super V1, ? super V2, ? extends VR> joiner) {
        Objects.requireNonNull(joiner, "joiner cannot be null");
        return (key, value1, value2) -> joiner.apply(value1, value2);
    }

    /**
     * Checks the arguments, repartitions a side whose key may have changed ({@code <name>-left-repartition} /
     * {@code -right-repartition}, or after the side's node name), then joins. Left and outer joins keep null keys
     * through the topic: their outer side emits them.
     */
    <K, V1, V2, VOut> KStream<K, VOut> doJoin(KStreamImpl<K, V1> lhs, KStream<K, V2> otherStream,
                                              ValueJoinerWithKey<? super K, ? super V1, ? super V2, ? extends VOut> joiner,
                                              JoinWindows windows, StreamJoined<K, V1, V2> streamJoined) {
        Objects.requireNonNull(otherStream, "otherStream cannot be null");
        Objects.requireNonNull(joiner, "joiner cannot be null");
        Objects.requireNonNull(windows, "windows cannot be null");
        Objects.requireNonNull(streamJoined, "streamJoined cannot be null");
        StreamJoinedInternal<K, V1, V2> internal = new StreamJoinedInternal<>(streamJoined);
        KStreamImpl<K, V1> joinThis = lhs;
        KStreamImpl<K, V2> joinOther = (KStreamImpl<K, V2>) otherStream;
        String name = internal.name();
        if (joinThis.repartitionRequired) {
            joinThis = JoinRepartition.of(joinThis, name == null ? joinThis.name : name + "-left", internal.keySerde(),
                    internal.valueSerde(), leftOuter);
        }
        if (joinOther.repartitionRequired) {
            joinOther = JoinRepartition.of(joinOther, name == null ? joinOther.name : name + "-right", internal.keySerde(),
                    internal.otherValueSerde(), leftOuter);
        }
        return join(joinThis, joinOther, joiner, windows, internal);
    }

    <K, V1, V2, VOut> KStream<K, VOut> join(KStreamImpl<K, V1> lhs, KStreamImpl<K, V2> other,
                                            ValueJoinerWithKey<? super K, ? super V1, ? super V2, ? extends VOut> joiner,
                                            JoinWindows windows, StreamJoinedInternal<K, V1, V2> streamJoined) {
        NamedInternal renamed = NamedInternal.of(streamJoined.name());
        String joinThisSuffix = rightOuter ? "-outer-this-join" : "-this-join";
        String joinOtherSuffix = leftOuter ? "-outer-other-join" : "-other-join";
        String thisWindowedName = renamed.suffixWithOrElseGet("-this-windowed", builder, WINDOWED_NAME);
        String otherWindowedName = renamed.suffixWithOrElseGet("-other-windowed", builder, WINDOWED_NAME);
        String joinThisGenerated = builder.newProcessorName(rightOuter ? OUTERTHIS_NAME : JOINTHIS_NAME);
        String joinOtherGenerated = builder.newProcessorName(leftOuter ? OUTEROTHER_NAME : JOINOTHER_NAME);
        String joinThisName = renamed.name() == null ? joinThisGenerated : renamed.name() + joinThisSuffix;
        String joinOtherName = renamed.name() == null ? joinOtherGenerated : renamed.name() + joinOtherSuffix;
        String mergeName = renamed.suffixWithOrElseGet("-merge", builder, KStreamImpl.MERGE_NAME);

        WindowBytesStoreSupplier thisSupplier = streamJoined.thisStoreSupplier();
        WindowBytesStoreSupplier otherSupplier = streamJoined.otherStoreSupplier();
        if (thisSupplier != null && otherSupplier != null && thisSupplier.name().equals(otherSupplier.name())) {
            throw new StreamsException("Both StoreSuppliers have the same name.  StoreSuppliers must provide unique names");
        }
        String baseStoreName = streamJoined.storeName();
        StoreBuilder<?> thisStore = windowStore(thisSupplier,
                baseStoreName == null ? joinThisGenerated : baseStoreName + joinThisSuffix, windows, streamJoined,
                streamJoined.valueSerde());
        StoreBuilder<?> otherStore = windowStore(otherSupplier,
                baseStoreName == null ? joinOtherGenerated : baseStoreName + joinOtherSuffix, windows, streamJoined,
                streamJoined.otherValueSerde());

        builder.addProcessor(thisWindowedName, new KStreamJoinWindow<K, V1>(thisStore.name()), lhs.name);
        builder.addProcessor(otherWindowedName, new KStreamJoinWindow<K, V2>(otherStore.name()), other.name);

        // the deprecated JoinWindows.of has no shared store: its left/outer results are eager
        boolean spuriousResultFix = new JoinWindowsInternal(windows).spuriousResultFixEnabled();
        StoreBuilder<?> outerStore = leftOuter && spuriousResultFix ? outerStore(joinThisGenerated, streamJoined) : null;
        String outerStoreName = outerStore == null ? null : outerStore.name();
        StreamJoinTimeTracker.PerTask trackers = new StreamJoinTimeTracker.PerTask();
        builder.addProcessor(joinThisName, new KStreamKStreamJoin<K, V1, V2, VOut>(true, otherStore.name(), windows.beforeMs,
                windows.afterMs, windows.gracePeriodMs(), leftOuter, outerStoreName, joiner, streamJoined, trackers),
                thisWindowedName);
        builder.addProcessor(joinOtherName, new KStreamKStreamJoin<K, V1, V2, VOut>(false, thisStore.name(), windows.beforeMs,
                windows.afterMs, windows.gracePeriodMs(), rightOuter, outerStoreName, joiner, streamJoined, trackers),
                otherWindowedName);
        builder.addProcessor(mergeName, new PassThrough<>(), joinThisName, joinOtherName);
        builder.topologyBuilder.addStateStore(thisStore, thisWindowedName, joinOtherName);
        builder.topologyBuilder.addStateStore(otherStore, otherWindowedName, joinThisName);
        if (outerStore != null) builder.topologyBuilder.addStateStore(outerStore, joinThisName, joinOtherName);

        Set<String> sources = new HashSet<>(lhs.subTopologySourceNodes);
        sources.addAll(other.subTopologySourceNodes);
        // no value serde for the result; nor the inputs' key serde, which may differ
        return new KStreamImpl<>(mergeName, streamJoined.keySerde(), null, sources, false, builder);
    }

    /**
     * A side's window store: the user's supplier (which must retain duplicates and match the window), or RocksDB
     * named {@code <name>-store} with retention size + grace. Its changelog is {@code cleanup.policy=delete}: with
     * duplicates retained, compaction would lose records.
     */
    private static <K, V> StoreBuilder<?> windowStore(WindowBytesStoreSupplier supplier, String name, JoinWindows windows,
                                                      StreamJoinedInternal<K, ?, ?> streamJoined,
                                                      Serde<V> valueSerde) {
        if (supplier != null) {
            assertWindowSettings(supplier, windows);
            // as Kafka Streams: a user's supplier keeps the builder's defaults (logging on), whatever StreamJoined says
            return Stores.windowStoreBuilder(supplier, streamJoined.keySerde(), valueSerde);
        }
        long retention = windows.size() + windows.gracePeriodMs();
        StoreBuilder<?> builder = Stores.windowStoreBuilder(
                Stores.persistentWindowStore(name + "-store", Duration.ofMillis(retention), Duration.ofMillis(windows.size()), true),
                streamJoined.keySerde(), valueSerde);
        if (streamJoined.loggingEnabled()) {
            Map<String, String> logConfig = new HashMap<>(streamJoined.logConfig());
            logConfig.put("cleanup.policy", "delete");
            builder.withLoggingEnabled(logConfig);
        } else {
            builder.withLoggingDisabled();
        }
        return builder;
    }

    private static void assertWindowSettings(WindowBytesStoreSupplier supplier, JoinWindows windows) {
        if (!supplier.retainDuplicates()) {
            throw new StreamsException("The StoreSupplier must set retainDuplicates=true, found retainDuplicates=false");
        }
        if (supplier.retentionPeriod() != windows.size() + windows.gracePeriodMs() || supplier.windowSize() != windows.size()) {
            throw new StreamsException(String.format("Window settings mismatch. WindowBytesStoreSupplier settings %s must "
                    + "match JoinWindows settings %s for the window size and retention period", supplier, windows));
        }
    }

    /**
     * The shared store of left/outer joins, named after the user's this-side supplier or store name
     * ({@code <name>-outer-shared-join-store} / {@code -left-shared-join-store}) or after the generated this-side name;
     * in memory when the this-side supplier is, else RocksDB. Its changelog holds each key's whole list.
     */
    private <K> StoreBuilder<?> outerStore(String joinThisGenerated, StreamJoinedInternal<K, ?, ?> streamJoined) {
        String suffix = rightOuter ? "-outer-shared-join" : "-left-shared-join";
        WindowBytesStoreSupplier thisSupplier = streamJoined.thisStoreSupplier();
        String base;
        if (thisSupplier != null && !thisSupplier.name().isEmpty()) base = thisSupplier.name() + suffix;
        else if (streamJoined.storeName() != null) base = streamJoined.storeName() + suffix;
        else base = OUTERSHARED_NAME + joinThisGenerated.substring((rightOuter ? OUTERTHIS_NAME : JOINTHIS_NAME).length());
        String name = base + "-store";
        KeyValueBytesStoreSupplier supplier = thisSupplier instanceof InMemoryWindowBytesStoreSupplier
                ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
        StoreBuilder<?> builder = Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray());
        if (streamJoined.loggingEnabled()) builder.withLoggingEnabled(streamJoined.logConfig());
        else builder.withLoggingDisabled();
        return builder;
    }
}
