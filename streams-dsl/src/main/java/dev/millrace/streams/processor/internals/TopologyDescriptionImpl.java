package dev.millrace.streams.processor.internals;

import dev.millrace.streams.TopologyDescription;
import dev.millrace.streams.processor.TopicNameExtractor;

import java.util.Collections;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The description Kafka Streams prints. Its text is part of the contract (users diff it between versions), so the
 * ordering rules are Kafka's: nodes by the size of the sub-graph below them (largest first), then by name; store and
 * topic sets in {@link HashSet} order; sub-topologies by id.
 */
public final class TopologyDescriptionImpl implements TopologyDescription {
    private final TreeSet<Subtopology> subtopologies = new TreeSet<>((a, b) -> Integer.compare(a.id(), b.id()));

    void addSubtopology(Subtopology subtopology) {
        subtopologies.add(subtopology);
    }

    @Override
    public Set<Subtopology> subtopologies() {
        return Collections.unmodifiableSet(subtopologies);
    }

    private final TreeSet<GlobalStore> globalStores = new TreeSet<>((a, b) -> Integer.compare(a.id(), b.id()));

    void addGlobalStore(GlobalStore globalStore) {
        globalStores.add(globalStore);
    }

    @Override
    public Set<GlobalStore> globalStores() {
        return Collections.unmodifiableSet(globalStores);
    }

    /** Sub-topologies and global stores interleaved by id, as Kafka prints them. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Topologies:\n ");
        TreeMap<Integer, Object> byId = new TreeMap<>();
        for (Subtopology s : subtopologies) byId.put(s.id(), s);
        for (GlobalStore g : globalStores) byId.put(g.id(), g);
        for (Object o : byId.values()) sb.append("  ").append(o);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopologyDescriptionImpl d && subtopologies.equals(d.subtopologies) && globalStores.equals(d.globalStores);
    }

    @Override
    public int hashCode() {
        return subtopologies.hashCode();
    }

    /** Larger sub-graph first, then by name; the size counts every path below the node, as Kafka does. */
    static int compareNodes(Node a, Node b) {
        if (a.equals(b)) return 0;
        int sa = ((AbstractNode) a).size;
        int sb = ((AbstractNode) b).size;
        return sa != sb ? sb - sa : a.name().compareTo(b.name());
    }

    static String names(Set<Node> nodes) {
        if (nodes.isEmpty()) return "none";
        StringBuilder sb = new StringBuilder();
        for (Node n : nodes) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(n.name());
        }
        return sb.toString();
    }

    abstract static class AbstractNode implements Node {
        final String name;
        final Set<Node> predecessors = new TreeSet<>(TopologyDescriptionImpl::compareNodes);
        final Set<Node> successors = new TreeSet<>(TopologyDescriptionImpl::compareNodes);
        int size = 1;

        AbstractNode(String name) {
            this.name = Objects.requireNonNull(name, "name cannot be null");
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<Node> predecessors() {
            return Collections.unmodifiableSet(predecessors);
        }

        @Override
        public Set<Node> successors() {
            return Collections.unmodifiableSet(successors);
        }

        /** Adds {@code delta} to this node's size and to every node above it. */
        void grow(int delta) {
            size += delta;
            for (Node p : predecessors) ((AbstractNode) p).grow(delta);
        }
    }

    static final class SourceNode extends AbstractNode implements Source {
        private final Set<String> topics;
        private final Pattern pattern;

        SourceNode(String name, Set<String> topics, Pattern pattern) {
            super(name);
            this.topics = topics;
            this.pattern = pattern;
        }

        @Override
        public Set<String> topicSet() {
            return topics;
        }

        @Override
        public Pattern topicPattern() {
            return pattern;
        }

        @Override
        public String toString() {
            return "Source: " + name + " (topics: " + (topics == null ? pattern.toString() : topics.toString()) + ")\n      --> "
                    + names(successors);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SourceNode && name.equals(((SourceNode) o).name) && Objects.equals(topics, ((SourceNode) o).topics);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, topics);
        }
    }

    static final class ProcessorNode extends AbstractNode implements Processor {
        private final Set<String> stores;

        ProcessorNode(String name, Set<String> stores) {
            super(name);
            this.stores = stores;
        }

        @Override
        public Set<String> stores() {
            return Collections.unmodifiableSet(stores);
        }

        @Override
        public String toString() {
            return "Processor: " + name + " (stores: " + stores + ")\n      --> " + names(successors)
                    + "\n      <-- " + names(predecessors);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ProcessorNode && name.equals(((ProcessorNode) o).name) && stores.equals(((ProcessorNode) o).stores);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, stores);
        }
    }

    static final class SinkNode extends AbstractNode implements Sink {
        private final String topic;
        private final TopicNameExtractor<?, ?> extractor;

        SinkNode(String name, String topic, TopicNameExtractor<?, ?> extractor) {
            super(name);
            this.topic = topic;
            this.extractor = extractor;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public TopicNameExtractor<?, ?> topicNameExtractor() {
            return extractor;
        }

        @Override
        public String toString() {
            String target = topic != null ? "topic: " + topic : "extractor class: " + extractor;
            return "Sink: " + name + " (" + target + ")\n      <-- " + names(predecessors);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SinkNode && name.equals(((SinkNode) o).name) && Objects.equals(topic, ((SinkNode) o).topic)
                    && Objects.equals(extractor, ((SinkNode) o).extractor);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, topic);
        }
    }

    static final class SubtopologyImpl implements Subtopology {
        private final int id;
        private final Set<Node> nodes = new TreeSet<>(TopologyDescriptionImpl::compareNodes);

        SubtopologyImpl(int id, Set<Node> nodes) {
            this.id = id;
            this.nodes.addAll(nodes);
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public Set<Node> nodes() {
            return Collections.unmodifiableSet(nodes);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Sub-topology: ").append(id).append('\n');
            for (Node n : nodes) sb.append("    ").append(n).append('\n');
            return sb.append('\n').toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SubtopologyImpl && id == ((SubtopologyImpl) o).id && nodes.equals(((SubtopologyImpl) o).nodes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, nodes);
        }
    }

    /** A global store's source and processor; printed on its own, never part of a task's sub-topology. */
    static final class GlobalStoreImpl implements GlobalStore {
        private final int id;
        private final SourceNode source;
        private final ProcessorNode processor;

        GlobalStoreImpl(int id, String sourceName, String processorName, String storeName, String topic) {
            this.id = id;
            this.source = new SourceNode(sourceName, Collections.singleton(topic), null);
            this.processor = new ProcessorNode(processorName, Collections.singleton(storeName));
            source.successors.add(processor);
            processor.predecessors.add(source);
        }

        @Override
        public Source source() {
            return source;
        }

        @Override
        public Processor processor() {
            return processor;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public String toString() {
            return "Sub-topology: " + id + " for global store (will not generate tasks)\n"
                    + "    " + source + "\n"
                    + "    " + processor + "\n";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GlobalStoreImpl g && source.equals(g.source) && processor.equals(g.processor);
        }

        @Override
        public int hashCode() {
            return Objects.hash(source, processor);
        }
    }
}
