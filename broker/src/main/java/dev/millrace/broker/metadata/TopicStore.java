package dev.millrace.broker.metadata;

import dev.millrace.broker.protocol.types.Uuid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Persists topics, one properties file per topic under the metadata directory, so that ids, partition
 * counts and config overrides survive restarts. Written atomically; read once at start-up.
 */
final class TopicStore {
    private static final String SUFFIX = ".topic";
    private static final String CONFIG_PREFIX = "config.";

    private final Path dir;

    TopicStore(Path metadataDir) {
        this.dir = metadataDir.resolve("topics");
    }

    List<TopicInfo> loadAll() {
        List<TopicInfo> topics = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return topics;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(SUFFIX)) {
                    topics.add(read(file));
                } else if (fileName.endsWith(".tmp")) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + dir, e);
        }
        return topics;
    }

    void save(TopicInfo topic) {
        Map<String, String> values = new HashMap<>();
        values.put("name", topic.name());
        values.put("id", topic.id().toString());
        values.put("partitions", Integer.toString(topic.partitionCount()));
        topic.configs().forEach((k, v) -> values.put(CONFIG_PREFIX + k, v));
        AtomicFiles.writeProperties(fileOf(topic.name()), values);
    }

    void delete(String name) {
        try {
            Files.deleteIfExists(fileOf(name));
            AtomicFiles.fsyncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the metadata of topic " + name, e);
        }
    }

    private Path fileOf(String topic) {
        return dir.resolve(topic + SUFFIX);
    }

    private static TopicInfo read(Path file) {
        Map<String, String> values = AtomicFiles.readProperties(file);
        Map<String, String> configs = new HashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(CONFIG_PREFIX)) {
                configs.put(k.substring(CONFIG_PREFIX.length()), v);
            }
        });
        return new TopicInfo(values.get("name"), Uuid.fromString(values.get("id")),
                Integer.parseInt(values.get("partitions")), configs);
    }
}
