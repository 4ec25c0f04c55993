package dev.millrace.streams;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The runtime that runs a topology against a broker, as Kafka Streams' {@code KafkaStreams}. Not implemented yet: it
 * exists so a Kafka Streams program compiles after its imports change, and making one fails at once, loudly. Run
 * topologies with {@link TopologyTestDriver} until the runtime lands.
 */
public class KafkaStreams implements AutoCloseable {
    static final String NOT_IMPLEMENTED = "KafkaStreams (the runtime against a broker) is not implemented yet; "
            + "run the topology with TopologyTestDriver";

    public KafkaStreams(Topology topology, Properties props) {
        throw new UnsupportedOperationException(NOT_IMPLEMENTED);
    }

    public KafkaStreams(Topology topology, Map<?, ?> props) {
        throw new UnsupportedOperationException(NOT_IMPLEMENTED);
    }

    public KafkaStreams(Topology topology, StreamsConfig config) {
        throw new UnsupportedOperationException(NOT_IMPLEMENTED);
    }

    public synchronized void start() {
        throw new UnsupportedOperationException(NOT_IMPLEMENTED);
    }

    public void cleanUp() {
        throw new UnsupportedOperationException(NOT_IMPLEMENTED);
    }

    public boolean close(Duration timeout) {
        throw new UnsupportedOperationException(NOT_IMPLEMENTED);
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException(NOT_IMPLEMENTED);
    }
}
