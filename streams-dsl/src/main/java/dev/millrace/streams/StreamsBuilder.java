package dev.millrace.streams;

import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.GlobalKTable;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.internals.InternalStreamsBuilder;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.StoreBuilder;
import org.apache.kafka.common.utils.Bytes;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Entry point of the DSL, as Kafka Streams' {@code StreamsBuilder}: streams and tables from topics, then
 * {@link #build()} for the {@link Topology}. Nodes and stores are named exactly as Kafka Streams names them.
 */
public class StreamsBuilder {
    protected final Topology topology;
    protected final InternalStreamsBuilder internalStreamsBuilder;

    public StreamsBuilder() {
        topology = new Topology();
        internalStreamsBuilder = new InternalStreamsBuilder(topology.internalTopologyBuilder());
    }

    public synchronized <K, V> KStream<K, V> stream(String topic) {
        return stream(List.of(topic));
    }

    public synchronized <K, V> KStream<K, V> stream(String topic, Consumed<K, V> consumed) {
        return stream(List.of(topic), consumed);
    }

    public synchronized <K, V> KStream<K, V> stream(Collection<String> topics) {
        return stream(topics, Consumed.with(null, null));
    }

    public synchronized <K, V> KStream<K, V> stream(Collection<String> topics, Consumed<K, V> consumed) {
        Objects.requireNonNull(topics, "topics can't be null");
        Objects.requireNonNull(consumed, "consumed can't be null");
        return internalStreamsBuilder.stream(topics, consumed);
    }

    public synchronized <K, V> KTable<K, V> table(String topic) {
        return table(topic, Consumed.with(null, null), Materialized.with(null, null));
    }

    public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed) {
        return table(topic, consumed, Materialized.with(consumed.keySerde(), consumed.valueSerde()));
    }

    public synchronized <K, V> KTable<K, V> table(String topic, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return table(topic, Consumed.with(null, null), materialized);
    }

    public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed,
                                                  Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(topic, "topic can't be null");
        Objects.requireNonNull(consumed, "consumed can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        return internalStreamsBuilder.table(topic, consumed, materialized);
    }

    /** Adds a store that processors connect to by name ({@code process(supplier, "store")}). */
    public synchronized StreamsBuilder addStateStore(StoreBuilder<?> builder) {
        Objects.requireNonNull(builder, "builder can't be null");
        internalStreamsBuilder.addStateStore(builder);
        return this;
    }

    /** The topology built so far; every operation has already added its nodes. */
    public synchronized Topology build() {
        return topology;
    }

    /**
     * As {@link #build()}. Optimizations are not implemented yet: asking for any ({@code topology.optimization}
     * other than {@code none}) fails rather than silently giving a different topology than Kafka Streams would.
     */
    public synchronized Topology build(Properties props) {
        Object optimization = props.get(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG);
        if (optimization != null && !StreamsConfig.NO_OPTIMIZATION.equals(optimization.toString())) {
            throw new UnsupportedOperationException("topology.optimization=" + optimization + " is not implemented yet");
        }
        return topology;
    }

    /** A global table of {@code topic}, every partition read by every instance; see {@link GlobalKTable}. */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic) {
        return globalTable(topic, Consumed.with(null, null));
    }

    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed) {
        Objects.requireNonNull(topic, "topic can't be null");
        Objects.requireNonNull(consumed, "consumed can't be null");
        return internalStreamsBuilder.globalTable(topic, consumed, Materialized.with(consumed.keySerde(), consumed.valueSerde()));
    }

    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic,
                                                              Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(topic, "topic can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        return internalStreamsBuilder.globalTable(topic, Consumed.with(null, null), materialized);
    }

    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed,
                                                              Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(topic, "topic can't be null");
        Objects.requireNonNull(consumed, "consumed can't be null");
        Objects.requireNonNull(materialized, "materialized can't be null");
        return internalStreamsBuilder.globalTable(topic, consumed, materialized);
    }
}
