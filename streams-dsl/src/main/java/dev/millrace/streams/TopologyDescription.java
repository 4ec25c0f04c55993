package dev.millrace.streams;

import dev.millrace.streams.processor.TopicNameExtractor;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shape of a {@link Topology}: its sub-topologies (groups of nodes connected by parent links or shared stores)
 * and their nodes. Its {@code toString()} prints exactly what Kafka Streams prints for the same topology.
 */
public interface TopologyDescription {
    Set<Subtopology> subtopologies();

    /** The global stores (of global tables), each printed as a sub-topology that makes no tasks. */
    Set<GlobalStore> globalStores();

    interface Subtopology {
        int id();

        Set<Node> nodes();
    }

    interface GlobalStore {
        Source source();

        Processor processor();

        int id();
    }

    interface Node {
        String name();

        Set<Node> predecessors();

        Set<Node> successors();
    }

    interface Source extends Node {
        Set<String> topicSet();

        Pattern topicPattern();
    }

    interface Processor extends Node {
        Set<String> stores();
    }

    interface Sink extends Node {
        /** The static topic, or null for a sink with a {@link TopicNameExtractor}. */
        String topic();

        TopicNameExtractor<?, ?> topicNameExtractor();
    }
}
