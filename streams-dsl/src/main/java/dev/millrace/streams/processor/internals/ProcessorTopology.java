package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.api.FixedKeyProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.state.StoreBuilder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runnable nodes of one task, made fresh from the builder (each processor supplier called once), with source
 * nodes by physical topic: internal topics get the {@code <application.id>-} prefix here.
 */
final class ProcessorTopology {
    private final List<ProcessorNode> nodes = new ArrayList<>();
    private final Map<String, SourceNode> sourceByTopic = new LinkedHashMap<>();
    private final Map<String, Set<String>> storesByNode = new HashMap<>();
    private final List<StoreBuilder<?>> storeBuilders;
    private final Set<String> internalTopics;

    /**
     * {@code nodeNames}: the nodes of one sub-topology (a runtime task) or of the global stores, or null for the whole
     * topology but its global stores (the driver's task).
     */
    @SuppressWarnings("unchecked")
    ProcessorTopology(InternalTopologyBuilder builder, String applicationId, Set<String> nodeNames) {
        this.internalTopics = builder.internalTopics();
        this.storeBuilders = nodeNames == null ? builder.storeBuilders() : builder.storeBuilders(nodeNames);
        Map<String, ProcessorNode> byName = new HashMap<>();
        for (InternalTopologyBuilder.NodeFactory f : builder.nodeFactories().values()) {
            if (nodeNames != null ? !nodeNames.contains(f.name) : builder.isGlobalNode(f.name)) continue;
            ProcessorNode node;
            if (f instanceof InternalTopologyBuilder.SourceFactory) {
                InternalTopologyBuilder.SourceFactory s = (InternalTopologyBuilder.SourceFactory) f;
                SourceNode source = new SourceNode(s.name, s.keyDeserializer, s.valueDeserializer);
                for (String topic : s.topics) sourceByTopic.put(physical(topic, applicationId), source);
                node = source;
            } else if (f instanceof InternalTopologyBuilder.SinkFactory) {
                InternalTopologyBuilder.SinkFactory s = (InternalTopologyBuilder.SinkFactory) f;
                node = new SinkNode(s.name, s.topic, s.extractor, s.keySerializer, s.valueSerializer, s.partitioner);
            } else {
                InternalTopologyBuilder.ProcessorFactory p = (InternalTopologyBuilder.ProcessorFactory) f;
                if (p.supplier != null) {
                    Processor<?, ?, ?, ?> processor = p.supplier.get();
                    node = new ProcessorNodes.Plain(p.name, (Processor<Object, Object, Object, Object>) processor);
                } else {
                    FixedKeyProcessor<?, ?, ?> processor = p.fixedKeySupplier.get();
                    node = new ProcessorNodes.FixedKey(p.name, (FixedKeyProcessor<Object, Object, Object>) processor);
                }
                storesByNode.put(p.name, Set.copyOf(p.stateStoreNames));
            }
            for (String parent : f.predecessors) byName.get(parent).addChild(node);
            byName.put(f.name, node);
            nodes.add(node);
        }
    }

    String physical(String topic, String applicationId) {
        return internalTopics.contains(topic) ? applicationId + "-" + topic : topic;
    }

    List<ProcessorNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    SourceNode source(String physicalTopic) {
        return sourceByTopic.get(physicalTopic);
    }

    Set<String> sourceTopics() {
        return sourceByTopic.keySet();
    }

    Set<String> storesOf(String nodeName) {
        return storesByNode.getOrDefault(nodeName, Set.of());
    }

    List<StoreBuilder<?>> storeBuilders() {
        return storeBuilders;
    }
}
