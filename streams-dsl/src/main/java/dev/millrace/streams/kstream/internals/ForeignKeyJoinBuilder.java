package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.ValueJoiner;
import dev.millrace.streams.kstream.internals.foreignkeyjoin.CombinedKeySchema;
import dev.millrace.streams.kstream.internals.foreignkeyjoin.ForeignTableJoinProcessorSupplier;
import dev.millrace.streams.kstream.internals.foreignkeyjoin.ResponseJoinProcessorSupplier;
import dev.millrace.streams.kstream.internals.foreignkeyjoin.SubscriptionJoinProcessorSupplier;
import dev.millrace.streams.kstream.internals.foreignkeyjoin.SubscriptionReceiveProcessorSupplier;
import dev.millrace.streams.kstream.internals.foreignkeyjoin.SubscriptionSendProcessorSupplier;
import dev.millrace.streams.kstream.internals.foreignkeyjoin.WrapperSerdes;
import dev.millrace.streams.processor.internals.InternalTopologyBuilder;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.Stores;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Writes a foreign-key table-table join as Kafka Streams does, names taken in its order: the left table's changes
 * become subscriptions ({@code KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-<n>}) sent through
 * {@code KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-<n>-topic} to the right table's side, kept in
 * {@code KTABLE-FK-JOIN-SUBSCRIPTION-STATE-STORE-<n>}, answered on arrival and whenever the right row changes, the
 * answers sent back through {@code KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-<n>-topic}, resolved against the left row and
 * joined into {@code KTABLE-FK-JOIN-OUTPUT-<n>}. Both internal topics are sized to the topics they are joined with on
 * the runtime, and keyed as those are (foreign key, primary key), so the default partitioner co-partitions them.
 */
final class ForeignKeyJoinBuilder {
    private static final String FK_JOIN = "KTABLE-FK-JOIN-";
    private static final String FK_JOIN_STATE_STORE_NAME = FK_JOIN + "SUBSCRIPTION-STATE-STORE-";
    private static final String SUBSCRIPTION_REGISTRATION = FK_JOIN + "SUBSCRIPTION-REGISTRATION-";
    private static final String SUBSCRIPTION_RESPONSE = FK_JOIN + "SUBSCRIPTION-RESPONSE-";
    private static final String SUBSCRIPTION_PROCESSOR = FK_JOIN + "SUBSCRIPTION-PROCESSOR-";
    private static final String SUBSCRIPTION_RESPONSE_RESOLVER_PROCESSOR = FK_JOIN + "SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-";
    private static final String FK_JOIN_OUTPUT_NAME = FK_JOIN + "OUTPUT-";
    private static final String TOPIC_SUFFIX = "-topic";
    private static final String SINK_NAME = "KTABLE-SINK-";

    private ForeignKeyJoinBuilder() {
    }

    @SuppressWarnings("unchecked")
    static <K, V, KO, VO, VR> KTable<K, VR> join(KTableImpl<K, ?, V> left, KTable<KO, VO> foreignKeyTable,
                                                 BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                                 ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                                 Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized,
                                                 boolean leftJoin) {
        Objects.requireNonNull(foreignKeyTable, "foreignKeyTable can't be null");
        Objects.requireNonNull(joiner, "joiner can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        KTableImpl<KO, ?, VO> right = (KTableImpl<KO, ?, VO>) foreignKeyTable;
        InternalStreamsBuilder builder = left.builder;
        InternalTopologyBuilder topology = builder.topologyBuilder;
        // old right values let an unchanged row skip the scan in Kafka Streams; old left values find the old foreign key
        right.enableSendingOldValues(true);
        left.enableSendingOldValues(true);
        NamedInternal renamed = NamedInternal.empty();
        Serde<KO> foreignKeySerde = right.keySerde;
        CombinedKeySchema<KO, K> keySchema = new CombinedKeySchema<>(foreignKeySerde, left.keySerde);

        String subscriptionTopic = renamed.suffixWithOrElseGet("-subscription-registration", builder, SUBSCRIPTION_REGISTRATION)
                + TOPIC_SUFFIX;
        topology.addInternalTopic(subscriptionTopic);
        String send = renamed.suffixWithOrElseGet("-subscription-registration-processor", builder, SUBSCRIPTION_REGISTRATION);
        builder.addProcessor(send, new SubscriptionSendProcessorSupplier<>(foreignKeyExtractor, foreignKeySerde, left.valueSerde, leftJoin),
                left.name);
        String sink = renamed.suffixWithOrElseGet("-subscription-registration-sink", builder, SINK_NAME);
        topology.addSink(sink, subscriptionTopic, null, InternalStreamsBuilder.serializer(foreignKeySerde),
                new WrapperSerdes.SubscriptionSerde<>(left.keySerde), send);
        String source = renamed.suffixWithOrElseGet("-subscription-registration-source", builder, KTableImpl.SOURCE_NAME);
        topology.addSource(source, InternalStreamsBuilder.deserializer(foreignKeySerde),
                new WrapperSerdes.SubscriptionSerde<>(left.keySerde), subscriptionTopic);

        // subscriptions are stored as bytes: the processors fill in the default key serde for the primary key
        String storeName = renamed.suffixWithOrElseGet("-subscription-store", builder, FK_JOIN_STATE_STORE_NAME);
        topology.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(storeName),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled());
        String receive = renamed.suffixWithOrElseGet("-subscription-receive", builder, SUBSCRIPTION_PROCESSOR);
        builder.addProcessor(receive, new SubscriptionReceiveProcessorSupplier<>(storeName, keySchema, left.keySerde), source);
        topology.connectProcessorAndStateStores(receive, storeName);

        KTableValueGetterSupplier<KO, VO> foreignValues = right.valueGetterSupplier();
        String joinForeign = renamed.suffixWithOrElseGet("-subscription-join-foreign", builder, SUBSCRIPTION_PROCESSOR);
        builder.addProcessor(joinForeign, new SubscriptionJoinProcessorSupplier<K, KO, VO>(foreignValues), receive);
        topology.connectProcessorAndStateStores(joinForeign, foreignValues.storeNames());

        String foreignJoin = renamed.suffixWithOrElseGet("-foreign-join-subscription", builder, SUBSCRIPTION_PROCESSOR);
        builder.addProcessor(foreignJoin, new ForeignTableJoinProcessorSupplier<K, KO, VO>(storeName, keySchema, left.keySerde),
                right.name);
        topology.connectProcessorAndStateStores(foreignJoin, storeName);

        String responseTopic = renamed.suffixWithOrElseGet("-subscription-response", builder, SUBSCRIPTION_RESPONSE) + TOPIC_SUFFIX;
        topology.addInternalTopic(responseTopic);
        String responseSink = renamed.suffixWithOrElseGet("-subscription-response-sink", builder, SINK_NAME);
        topology.addSink(responseSink, responseTopic, null, InternalStreamsBuilder.serializer(left.keySerde),
                new WrapperSerdes.ResponseSerde<>(right.valueSerde), joinForeign, foreignJoin);
        String responseSource = renamed.suffixWithOrElseGet("-subscription-response-source", builder, KTableImpl.SOURCE_NAME);
        topology.addSource(responseSource, InternalStreamsBuilder.deserializer(left.keySerde),
                new WrapperSerdes.ResponseSerde<>(right.valueSerde), responseTopic);

        KTableValueGetterSupplier<K, V> primaryValues = left.valueGetterSupplier();
        String resolver = renamed.suffixWithOrElseGet("-subscription-response-resolver", builder, SUBSCRIPTION_RESPONSE_RESOLVER_PROCESSOR);
        builder.addProcessor(resolver, new ResponseJoinProcessorSupplier<K, V, VO, VR>(primaryValues, left.valueSerde, joiner, leftJoin),
                responseSource);
        topology.connectProcessorAndStateStores(resolver, primaryValues.storeNames());

        String result = renamed.suffixWithOrElseGet("-result", builder, FK_JOIN_OUTPUT_NAME);
        MaterializedInternal<K, VR, KeyValueStore<Bytes, byte[]>> m = new MaterializedInternal<>(materialized, builder, FK_JOIN_OUTPUT_NAME);
        if (m.keySerde() == null) m.withKeySerde(left.keySerde);
        KTableSource<K, VR> resultSource = new KTableSource<>(m.storeName(), m.queryableStoreName(), m.cachingEnabled(),
                KeyValueStoreMaterializer.builder(m));
        builder.addProcessor(result, resultSource, resolver);
        if (resultSource.materialized()) topology.addStateStore(resultSource.storeBuilder(), result);

        Set<String> sources = new HashSet<>(left.subTopologySourceNodes);
        sources.add(responseSource);
        return new KTableImpl<>(result, left.keySerde, m.valueSerde(), sources, m.queryableStoreName(), resultSource, builder);
    }
}
