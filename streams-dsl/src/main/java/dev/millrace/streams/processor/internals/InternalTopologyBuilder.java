package dev.millrace.streams.processor.internals;

import dev.millrace.streams.TopologyDescription;
import dev.millrace.streams.errors.TopologyException;
import dev.millrace.streams.processor.StreamPartitioner;
import dev.millrace.streams.processor.TopicNameExtractor;
import dev.millrace.streams.processor.api.FixedKeyProcessorSupplier;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.state.StoreBuilder;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What {@link dev.millrace.streams.Topology} records: node factories in the order they were added, the stores and
 * which processors use them, and the internal (repartition) topics. From it come the description and, per task, the
 * runnable {@link ProcessorTopology}.
 *
 * <p>Nodes form sub-topologies by union: a node joins its parents' group, and processors sharing a store join each
 * other's. A repartition topic's source starts a new group, because nothing links it to the sink writing the topic.
 */
public final class InternalTopologyBuilder {
    private final Map<String, NodeFactory> nodeFactories = new LinkedHashMap<>();
    private final Map<String, StoreFactory> stateFactories = new LinkedHashMap<>();
    private final Map<String, String> topicToSource = new HashMap<>();
    private final Set<String> internalTopics = new LinkedHashSet<>();
    private final Map<String, String> unionParent = new HashMap<>();
    private final Map<String, Integer> internalTopicPartitions = new HashMap<>();

    abstract static class NodeFactory {
        final String name;
        final String[] predecessors;

        NodeFactory(String name, String[] predecessors) {
            this.name = name;
            this.predecessors = predecessors.clone();
        }

        abstract TopologyDescriptionImpl.AbstractNode describe();
    }

    static final class SourceFactory extends NodeFactory {
        final List<String> topics;
        final Deserializer<?> keyDeserializer;
        final Deserializer<?> valueDeserializer;

        SourceFactory(String name, List<String> topics, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer) {
            super(name, new String[0]);
            this.topics = topics;
            this.keyDeserializer = keyDeserializer;
            this.valueDeserializer = valueDeserializer;
        }

        @Override
        TopologyDescriptionImpl.AbstractNode describe() {
            return new TopologyDescriptionImpl.SourceNode(name, new HashSet<>(topics), null);
        }
    }

    static final class ProcessorFactory extends NodeFactory {
        final ProcessorSupplier<?, ?, ?, ?> supplier;
        final FixedKeyProcessorSupplier<?, ?, ?> fixedKeySupplier;
        final Set<String> stateStoreNames = new HashSet<>();

        ProcessorFactory(String name, String[] predecessors, ProcessorSupplier<?, ?, ?, ?> supplier,
                         FixedKeyProcessorSupplier<?, ?, ?> fixedKeySupplier) {
            super(name, predecessors);
            this.supplier = supplier;
            this.fixedKeySupplier = fixedKeySupplier;
        }

        @Override
        TopologyDescriptionImpl.AbstractNode describe() {
            return new TopologyDescriptionImpl.ProcessorNode(name, new HashSet<>(stateStoreNames));
        }
    }

    static final class SinkFactory extends NodeFactory {
        final String topic;
        final TopicNameExtractor<?, ?> extractor;
        final Serializer<?> keySerializer;
        final Serializer<?> valueSerializer;
        final StreamPartitioner<?, ?> partitioner;

        SinkFactory(String name, String[] predecessors, String topic, TopicNameExtractor<?, ?> extractor,
                    Serializer<?> keySerializer, Serializer<?> valueSerializer, StreamPartitioner<?, ?> partitioner) {
            super(name, predecessors);
            this.partitioner = partitioner;
            this.topic = topic;
            this.extractor = extractor;
            this.keySerializer = keySerializer;
            this.valueSerializer = valueSerializer;
        }

        @Override
        TopologyDescriptionImpl.AbstractNode describe() {
            return new TopologyDescriptionImpl.SinkNode(name, topic, extractor);
        }
    }

    static final class StoreFactory {
        final StoreBuilder<?> builder;
        final Set<String> users = new LinkedHashSet<>();

        StoreFactory(StoreBuilder<?> builder) {
            this.builder = builder;
        }
    }

    public synchronized void addSource(String name, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
                                       String... topics) {
        requireNewName(name);
        if (topics == null || topics.length == 0) throw new TopologyException("You must provide at least one topic");
        for (String topic : topics) {
            Objects.requireNonNull(topic, "topic names cannot be null");
            if (topicToSource.containsKey(topic)) {
                throw new TopologyException("Topic " + topic + " has already been registered by another source.");
            }
        }
        for (String topic : topics) topicToSource.put(topic, name);
        nodeFactories.put(name, new SourceFactory(name, List.of(topics), keyDeserializer, valueDeserializer));
        unionParent.put(name, name);
    }

    public synchronized void addSink(String name, String topic, TopicNameExtractor<?, ?> extractor,
                                     Serializer<?> keySerializer, Serializer<?> valueSerializer, String... parentNames) {
        addSink(name, topic, extractor, keySerializer, valueSerializer, null, parentNames);
    }

    /** A sink whose {@link StreamPartitioner} (null: the producer's) picks each record's partitions. */
    public synchronized void addSink(String name, String topic, TopicNameExtractor<?, ?> extractor, Serializer<?> keySerializer,
                                     Serializer<?> valueSerializer, StreamPartitioner<?, ?> partitioner, String... parentNames) {
        requireNewName(name);
        if (topic == null && extractor == null) throw new NullPointerException("topic cannot be null");
        verifyParents(name, parentNames);
        nodeFactories.put(name, new SinkFactory(name, parentNames, topic, extractor, keySerializer, valueSerializer, partitioner));
        unite(name, parentNames);
    }

    public synchronized void addProcessor(String name, ProcessorSupplier<?, ?, ?, ?> supplier,
                                          FixedKeyProcessorSupplier<?, ?, ?> fixedKeySupplier, String... parentNames) {
        requireNewName(name);
        checkSupplier(supplier != null ? supplier : Objects.requireNonNull(fixedKeySupplier, "processor cannot be null"));
        verifyParents(name, parentNames);
        nodeFactories.put(name, new ProcessorFactory(name, parentNames, supplier, fixedKeySupplier));
        unite(name, parentNames);
    }

    /** Parents must exist already and not be sinks; the messages are Kafka Streams'. */
    private void verifyParents(String name, String... parentNames) {
        Objects.requireNonNull(parentNames, "predecessorNames cannot be a null array");
        if (parentNames.length == 0) throw new TopologyException("predecessorNames cannot be empty");
        for (String parent : parentNames) {
            Objects.requireNonNull(parent, "parent name cannot be null");
            NodeFactory p = nodeFactories.get(parent);
            if (p == null) {
                throw new TopologyException("Parent node " + parent + " is unknown" + (parent.equals(name) ? " (self-reference)." : "."));
            }
            if (p instanceof SinkFactory) throw new TopologyException("Sink " + parent + " cannot be used a parent.");
        }
    }

    public synchronized void addStateStore(StoreBuilder<?> storeBuilder, String... processorNames) {
        Objects.requireNonNull(storeBuilder, "storeBuilder can't be null");
        StoreFactory existing = stateFactories.get(storeBuilder.name());
        if (existing != null && existing.builder != storeBuilder) {
            throw new TopologyException("A different StateStore has already been added with the name " + storeBuilder.name());
        }
        if (existing == null) stateFactories.put(storeBuilder.name(), new StoreFactory(storeBuilder));
        if (processorNames != null) {
            for (String processorName : processorNames) connectProcessorAndStateStore(processorName, storeBuilder.name());
        }
    }

    public synchronized void connectProcessorAndStateStores(String processorName, String... stateStoreNames) {
        Objects.requireNonNull(processorName, "processorName can't be null");
        if (stateStoreNames == null || stateStoreNames.length == 0) {
            throw new TopologyException("Must provide at least one state store name.");
        }
        for (String store : stateStoreNames) connectProcessorAndStateStore(processorName, store);
    }

    private void connectProcessorAndStateStore(String processorName, String storeName) {
        StoreFactory store = stateFactories.get(storeName);
        if (store == null) throw new TopologyException("StateStore " + storeName + " is not added yet.");
        NodeFactory node = nodeFactories.get(processorName);
        if (node == null) throw new TopologyException("Processor " + processorName + " is not added yet.");
        if (!(node instanceof ProcessorFactory)) {
            throw new TopologyException("cannot connect a state store " + storeName + " to a source node or a sink node.");
        }
        ((ProcessorFactory) node).stateStoreNames.add(storeName);
        if (!store.users.isEmpty()) unite(store.users.iterator().next(), new String[] {processorName});
        store.users.add(processorName);
    }

    /** Marks a topic as internal: the runtime prefixes it with the application id; the description does not. */
    public synchronized void addInternalTopic(String topic) {
        internalTopics.add(topic);
    }

    /**
     * Each task needs its own processor instances, so a supplier must make a new one per call; one that hands out the
     * same object is refused, as Kafka Streams does.
     */
    private static void checkSupplier(Supplier<?> supplier) {
        if (supplier.get() == supplier.get()) {
            String name = supplier.getClass().getName();
            throw new IllegalArgumentException(name + " generates single reference. " + name
                    + "#get() must return a new object each time it is called.");
        }
    }

    private void requireNewName(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        if (nodeFactories.containsKey(name)) throw new TopologyException("Processor " + name + " is already added.");
    }

    private String root(String node) {
        String p = unionParent.get(node);
        while (!p.equals(node)) {
            String gp = unionParent.get(p);
            unionParent.put(node, gp);
            node = p;
            p = gp;
        }
        return p;
    }

    private void unite(String name, String[] others) {
        unionParent.putIfAbsent(name, name);
        for (String other : others) {
            String a = root(name);
            String b = root(other);
            if (!a.equals(b)) unionParent.put(a, b);
        }
    }

    /** Node names per sub-topology id, ids in the order their first node was added; global stores' groups included. */
    private Map<Integer, Set<String>> allNodeGroups() {
        Map<Integer, Set<String>> groups = new LinkedHashMap<>();
        Map<String, Set<String>> byRoot = new HashMap<>();
        for (String node : nodeFactories.keySet()) {
            Set<String> group = byRoot.get(root(node));
            if (group == null) {
                group = new HashSet<>();
                byRoot.put(root(node), group);
                groups.put(groups.size(), group);
            }
            group.add(node);
        }
        return groups;
    }

    public synchronized TopologyDescription describe() {
        TopologyDescriptionImpl description = new TopologyDescriptionImpl();
        for (Map.Entry<Integer, Set<String>> group : allNodeGroups().entrySet()) {
            if (describeGlobalStore(description, group.getKey(), group.getValue())) continue;
            Map<String, TopologyDescriptionImpl.AbstractNode> nodesByName = new HashMap<>();
            for (String name : group.getValue()) nodesByName.put(name, nodeFactories.get(name).describe());
            for (TopologyDescriptionImpl.AbstractNode node : nodesByName.values()) {
                for (String predecessorName : nodeFactories.get(node.name()).predecessors) {
                    TopologyDescriptionImpl.AbstractNode predecessor = nodesByName.get(predecessorName);
                    node.predecessors.add(predecessor);
                    predecessor.successors.add(node);
                    predecessor.grow(node.size);
                }
            }
            description.addSubtopology(new TopologyDescriptionImpl.SubtopologyImpl(group.getKey(), new HashSet<>(nodesByName.values())));
        }
        return description;
    }

    synchronized Map<String, NodeFactory> nodeFactories() {
        return new LinkedHashMap<>(nodeFactories);
    }

    synchronized List<StoreBuilder<?>> storeBuilders() {
        List<StoreBuilder<?>> out = new ArrayList<>();
        for (StoreFactory f : stateFactories.values()) {
            if (!globalStoreNames.contains(f.builder.name())) out.add(f.builder);
        }
        return out;
    }

    /** The stores connected to any of these nodes (one sub-topology's), in the order they were added. */
    synchronized List<StoreBuilder<?>> storeBuilders(Set<String> nodeNames) {
        List<StoreBuilder<?>> out = new ArrayList<>();
        for (StoreFactory f : stateFactories.values()) {
            for (String user : f.users) {
                if (nodeNames.contains(user)) {
                    out.add(f.builder);
                    break;
                }
            }
        }
        return out;
    }

    synchronized Set<String> internalTopics() {
        return new LinkedHashSet<>(internalTopics);
    }

    public synchronized Set<String> sourceTopics() {
        return new LinkedHashSet<>(topicToSource.keySet());
    }

    /** An internal topic with a partition count of its own instead of its writer's ({@code repartition(Repartitioned)}). */
    public synchronized void addInternalTopic(String topic, int partitions) {
        addInternalTopic(topic);
        internalTopicPartitions.put(topic, partitions);
    }

    /** Internal topics (not prefixed) whose partition count the topology fixes. */
    synchronized Map<String, Integer> internalTopicPartitions() {
        return new HashMap<>(internalTopicPartitions);
    }

    // global stores: a source and a processor updating one store from a topic read in full by every instance

    private final Set<String> globalTopics = new LinkedHashSet<>();
    private final Set<String> globalNodeNames = new LinkedHashSet<>();
    private final Set<String> globalStoreNames = new LinkedHashSet<>();

    /**
     * Adds a global store (Kafka Streams' {@code addGlobalStore}): {@code sourceName} reads {@code topic},
     * {@code processorName} updates the store. It forms its own sub-topology, which makes no tasks: the global thread
     * (or the test driver) runs it, and every task's processors may read the store by name.
     */
    public synchronized void addGlobalStore(StoreBuilder<?> storeBuilder, String sourceName, Deserializer<?> keyDeserializer,
                                            Deserializer<?> valueDeserializer, String topic, String processorName,
                                            ProcessorSupplier<?, ?, ?, ?> stateUpdateSupplier) {
        Objects.requireNonNull(storeBuilder, "store builder must not be null");
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(stateUpdateSupplier, "supplier must not be null");
        if (storeBuilder.loggingEnabled()) {
            throw new TopologyException("StateStore " + storeBuilder.name() + " for global table must not have logging enabled.");
        }
        if (sourceName.equals(processorName)) {
            throw new TopologyException("sourceName and processorName must be different.");
        }
        if (stateFactories.containsKey(storeBuilder.name())) {
            throw new TopologyException("A different StateStore has already been added with the name " + storeBuilder.name());
        }
        addSource(sourceName, keyDeserializer, valueDeserializer, topic);
        addProcessor(processorName, stateUpdateSupplier, null, sourceName);
        stateFactories.put(storeBuilder.name(), new StoreFactory(storeBuilder));
        connectProcessorAndStateStore(processorName, storeBuilder.name());
        globalTopics.add(topic);
        globalNodeNames.add(sourceName);
        globalNodeNames.add(processorName);
        globalStoreNames.add(storeBuilder.name());
    }

    /** Sub-topologies that make tasks (global stores' excluded), by id. */
    synchronized Map<Integer, Set<String>> nodeGroups() {
        Map<Integer, Set<String>> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, Set<String>> group : allNodeGroups().entrySet()) {
            if (Collections.disjoint(group.getValue(), globalNodeNames)) out.put(group.getKey(), group.getValue());
        }
        return out;
    }

    public synchronized Set<String> globalTopics() {
        return new LinkedHashSet<>(globalTopics);
    }

    /** The nodes of every global store's sub-topology: what the global state task runs. */
    synchronized Set<String> globalNodeNames() {
        return new LinkedHashSet<>(globalNodeNames);
    }

    synchronized boolean isGlobalNode(String nodeName) {
        return globalNodeNames.contains(nodeName);
    }

    /** Kafka prints a global store's group as "Sub-topology: n for global store (will not generate tasks)". */
    private boolean describeGlobalStore(TopologyDescriptionImpl description, int id, Set<String> group) {
        if (Collections.disjoint(group, globalNodeNames)) return false;
        for (String name : group) {
            if (nodeFactories.get(name) instanceof SourceFactory source) {
                ProcessorFactory processor = null;
                for (String other : group) {
                    if (nodeFactories.get(other) instanceof ProcessorFactory p) processor = p;
                }
                description.addGlobalStore(new TopologyDescriptionImpl.GlobalStoreImpl(id, source.name, processor.name,
                        processor.stateStoreNames.iterator().next(), source.topics.get(0)));
            }
        }
        return true;
    }
}
