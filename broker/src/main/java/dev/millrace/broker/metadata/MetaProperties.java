package dev.millrace.broker.metadata;

import dev.millrace.broker.protocol.types.Uuid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The identity of a log directory, {@code meta.properties} as in Kafka: the cluster id is generated on the
 * first start and kept; a directory formatted for another node id refuses to start rather than mixing data.
 */
public record MetaProperties(String clusterId, int nodeId) {

    public static MetaProperties loadOrCreate(Path logDir, int nodeId) {
        Path file = logDir.resolve("meta.properties");
        if (Files.exists(file)) {
            Map<String, String> values = AtomicFiles.readProperties(file);
            int storedNode = Integer.parseInt(values.getOrDefault("node.id", Integer.toString(nodeId)));
            if (storedNode != nodeId) {
                throw new IllegalStateException("Log directory " + logDir + " belongs to node.id " + storedNode
                        + " but this broker is configured with node.id " + nodeId);
            }
            return new MetaProperties(values.get("cluster.id"), nodeId);
        }
        MetaProperties created = new MetaProperties(Uuid.random().toString(), nodeId);
        AtomicFiles.writeProperties(file, Map.of("version", "1", "cluster.id", created.clusterId(),
                "node.id", Integer.toString(nodeId)));
        return created;
    }
}
