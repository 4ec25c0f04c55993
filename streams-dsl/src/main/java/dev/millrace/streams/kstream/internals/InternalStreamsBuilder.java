package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.GlobalKTable;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.processor.api.FixedKeyProcessorSupplier;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.internals.InternalTopologyBuilder;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.StoreBuilder;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

import java.util.Collection;
import java.util.Set;

/**
 * Where DSL operations write their nodes. Each operation adds its nodes to the topology at once, in the order Kafka
 * Streams' graph would write them, and takes its generated names from one counter shared by nodes and stores
 * ({@code KSTREAM-FILTER-0000000001}, {@code KSTREAM-AGGREGATE-STATE-STORE-0000000002}), so names and the
 * description match Kafka Streams for the same program.
 */
public final class InternalStreamsBuilder {
    static final String TABLE_SOURCE_SUFFIX = "-source";

    final InternalTopologyBuilder topologyBuilder;
    private int index;

    public InternalStreamsBuilder(InternalTopologyBuilder topologyBuilder) {
        this.topologyBuilder = topologyBuilder;
    }

    String newProcessorName(String prefix) {
        return prefix + String.format("%010d", index++);
    }

    String newStoreName(String prefix) {
        return prefix + String.format("STATE-STORE-%010d", index++);
    }

    public <K, V> KStream<K, V> stream(Collection<String> topics, Consumed<K, V> consumed) {
        String name = NamedInternal.of(consumed.name()).orElseGenerateWithPrefix(this, KStreamImpl.SOURCE_NAME);
        topologyBuilder.addSource(name, deserializer(consumed.keySerde()), deserializer(consumed.valueSerde()),
                topics.toArray(new String[0]));
        return new KStreamImpl<>(name, consumed.keySerde(), consumed.valueSerde(), Set.of(name), false, this);
    }

    public <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed,
                                     Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>> m = new MaterializedInternal<>(materialized, this, topic + "-");
        if (m.keySerde() == null) m.withKeySerde(consumed.keySerde());
        if (m.valueSerde() == null) m.withValueSerde(consumed.valueSerde());
        NamedInternal named = NamedInternal.of(consumed.name());
        String sourceName = named.suffixWithOrElseGet(TABLE_SOURCE_SUFFIX, this, KStreamImpl.SOURCE_NAME);
        String tableSourceName = named.orElseGenerateWithPrefix(this, KTableImpl.SOURCE_NAME);
        KTableSource<K, V> tableSource = new KTableSource<>(m.storeName(), m.queryableStoreName(), m.cachingEnabled(),
                KeyValueStoreMaterializer.builder(m));
        topologyBuilder.addSource(sourceName, deserializer(consumed.keySerde()), deserializer(consumed.valueSerde()), topic);
        addProcessor(tableSourceName, tableSource, sourceName);
        if (tableSource.materialized()) topologyBuilder.addStateStore(tableSource.storeBuilder(), tableSourceName);
        return new KTableImpl<>(tableSourceName, m.keySerde(), m.valueSerde(), Set.of(sourceName),
                m.queryableStoreName(), tableSource, this);
    }

    public void addStateStore(StoreBuilder<?> builder) {
        topologyBuilder.addStateStore(builder);
    }

    /** Adds a processor and the stores its supplier brings. */
    void addProcessor(String name, ProcessorSupplier<?, ?, ?, ?> supplier, String... parents) {
        topologyBuilder.addProcessor(name, supplier, null, parents);
        addSupplierStores(name, supplier.stores());
    }

    void addFixedKeyProcessor(String name, FixedKeyProcessorSupplier<?, ?, ?> supplier, String... parents) {
        topologyBuilder.addProcessor(name, null, supplier, parents);
        addSupplierStores(name, supplier.stores());
    }

    private void addSupplierStores(String name, Set<StoreBuilder<?>> stores) {
        if (stores != null) {
            for (StoreBuilder<?> store : stores) topologyBuilder.addStateStore(store, name);
        }
    }

    static <T> Deserializer<T> deserializer(Serde<T> serde) {
        return serde == null ? null : serde.deserializer();
    }

    static <T> Serializer<T> serializer(Serde<T> serde) {
        return serde == null ? null : serde.serializer();
    }

    /**
     * A global table: store name first (generated {@code <topic>-STATE-STORE-<n>} unless named), then the source and
     * the table-source processor, as Kafka Streams takes the numbers. The store is always materialized, never logged
     * (the topic is its changelog) and not cached here (the global thread flushes after each batch).
     */
    public <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed,
                                                 Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>> m = new MaterializedInternal<>(materialized, this, topic + "-");
        if (m.keySerde() == null) m.withKeySerde(consumed.keySerde());
        if (m.valueSerde() == null) m.withValueSerde(consumed.valueSerde());
        m.withLoggingDisabled();
        m.withCachingDisabled();
        NamedInternal named = NamedInternal.of(consumed.name());
        String sourceName = named.suffixWithOrElseGet(TABLE_SOURCE_SUFFIX, this, KStreamImpl.SOURCE_NAME);
        String processorName = named.orElseGenerateWithPrefix(this, KTableImpl.SOURCE_NAME);
        String storeName = m.storeName();
        StoreBuilder<?> store = KeyValueStoreMaterializer.builder(m);
        topologyBuilder.addGlobalStore(store, sourceName, deserializer(consumed.keySerde()),
                deserializer(consumed.valueSerde()), topic, processorName, new KTableSource<K, V>(storeName, storeName, false, store));
        return new GlobalKTableImpl<>(new KTableSourceValueGetterSupplier<>(storeName), storeName);
    }
}
