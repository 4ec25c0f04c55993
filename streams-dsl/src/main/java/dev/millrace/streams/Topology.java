package dev.millrace.streams;

import dev.millrace.streams.processor.TopicNameExtractor;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.internals.InternalTopologyBuilder;
import dev.millrace.streams.state.StoreBuilder;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Set;

/**
 * A graph of sources, processors and sinks with the stores they use, as Kafka Streams' {@code Topology}: build it
 * with the Processor API methods below or through {@link StreamsBuilder}. Serializers and deserializers left null are
 * the application's default serdes.
 */
public class Topology {
    protected final InternalTopologyBuilder internalTopologyBuilder;

    public Topology() {
        this(new InternalTopologyBuilder());
    }

    protected Topology(InternalTopologyBuilder internalTopologyBuilder) {
        this.internalTopologyBuilder = internalTopologyBuilder;
    }

    public synchronized Topology addSource(String name, String... topics) {
        internalTopologyBuilder.addSource(name, null, null, topics);
        return this;
    }

    public synchronized Topology addSource(String name, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
                                           String... topics) {
        internalTopologyBuilder.addSource(name, keyDeserializer, valueDeserializer, topics);
        return this;
    }

    public synchronized Topology addSink(String name, String topic, String... parentNames) {
        internalTopologyBuilder.addSink(name, topic, null, null, null, parentNames);
        return this;
    }

    public synchronized <K, V> Topology addSink(String name, String topic, Serializer<K> keySerializer,
                                                Serializer<V> valueSerializer, String... parentNames) {
        internalTopologyBuilder.addSink(name, topic, null, keySerializer, valueSerializer, parentNames);
        return this;
    }

    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<K, V> topicExtractor, String... parentNames) {
        internalTopologyBuilder.addSink(name, null, topicExtractor, null, null, parentNames);
        return this;
    }

    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<K, V> topicExtractor,
                                                Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                                String... parentNames) {
        internalTopologyBuilder.addSink(name, null, topicExtractor, keySerializer, valueSerializer, parentNames);
        return this;
    }

    /** Adds a processor; stores its supplier brings ({@code stores()}) are added and connected to it. */
    public synchronized <KIn, VIn, KOut, VOut> Topology addProcessor(String name,
                                                                     ProcessorSupplier<KIn, VIn, KOut, VOut> supplier,
                                                                     String... parentNames) {
        internalTopologyBuilder.addProcessor(name, supplier, null, parentNames);
        Set<StoreBuilder<?>> stores = supplier.stores();
        if (stores != null) {
            for (StoreBuilder<?> store : stores) internalTopologyBuilder.addStateStore(store, name);
        }
        return this;
    }

    public synchronized Topology addStateStore(StoreBuilder<?> storeBuilder, String... processorNames) {
        internalTopologyBuilder.addStateStore(storeBuilder, processorNames);
        return this;
    }

    public synchronized Topology connectProcessorAndStateStores(String processorName, String... stateStoreNames) {
        internalTopologyBuilder.connectProcessorAndStateStores(processorName, stateStoreNames);
        return this;
    }

    public synchronized TopologyDescription describe() {
        return internalTopologyBuilder.describe();
    }

    /** For the runtime and the test driver. */
    public InternalTopologyBuilder internalTopologyBuilder() {
        return internalTopologyBuilder;
    }
}
