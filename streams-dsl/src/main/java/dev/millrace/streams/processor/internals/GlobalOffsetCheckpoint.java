package dev.millrace.streams.processor.internals;

import dev.millrace.streams.errors.ProcessorStateException;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The global stores' {@code .checkpoint} file in {@code <state.dir>/<application.id>/global}, in Kafka Streams'
 * layout (version {@code 0}, the entry count, then {@code <topic> <partition> <offset>} lines): the next offset of
 * each global topic partition the stores hold everything before. Rewritten whole through a temporary file and an
 * atomic move, so a crash leaves the old or the new one.
 */
final class GlobalOffsetCheckpoint {
    static final String FILE_NAME = ".checkpoint";

    private final Path file;

    GlobalOffsetCheckpoint(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    /** The checkpointed offsets; empty when there is no file. */
    Map<TopicPartition, Long> read() {
        Map<TopicPartition, Long> out = new HashMap<>();
        if (!Files.exists(file)) return out;
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).trim().equals("0")) throw new IOException("unknown checkpoint version");
            int n = Integer.parseInt(lines.get(1).trim());
            for (String line : lines.subList(2, 2 + n)) {
                String[] f = line.trim().split(" ");
                out.put(new TopicPartition(f[0], Integer.parseInt(f[1])), Long.parseLong(f[2]));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new ProcessorStateException("cannot read the global state checkpoint " + file, e);
        }
    }

    void write(Map<TopicPartition, Long> offsets) {
        Map<String, Long> sorted = new TreeMap<>();
        for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
            sorted.put(e.getKey().topic() + " " + e.getKey().partition(), e.getValue());
        }
        StringBuilder sb = new StringBuilder("0\n").append(sorted.size()).append('\n');
        sorted.forEach((tp, offset) -> sb.append(tp).append(' ').append(offset).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ProcessorStateException("cannot write the global state checkpoint " + file, e);
        }
    }
}
