package dev.millrace.broker.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Small text checkpoints in Kafka's layout: a version line, an entry-count line, then one entry per
 * line. Written to a temporary file, fsynced and renamed over the old one, so a crash leaves either
 * the old or the new checkpoint, never half of one.
 */
final class CheckpointFile {
    private final Path file;
    private final int version;

    CheckpointFile(Path file, int version) {
        this.file = file;
        this.version = version;
    }

    Path file() {
        return file;
    }

    void write(List<String> entries) {
        StringBuilder text = new StringBuilder();
        text.append(version).append('\n').append(entries.size()).append('\n');
        for (String entry : entries) {
            text.append(entry).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            fsyncDirectory(file.getParent());
        } catch (IOException e) {
            throw new LogStorageException("Cannot write checkpoint " + file, e);
        }
    }

    /**
     * The entries, or null when the file does not exist.
     *
     * @throws LogStorageException when the file is malformed (the caller decides whether to rebuild)
     */
    List<String> read() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || Integer.parseInt(lines.get(0).trim()) != version) {
                throw new LogStorageException("Malformed checkpoint " + file + ": bad header");
            }
            int count = Integer.parseInt(lines.get(1).trim());
            if (count < 0 || lines.size() < 2 + count) {
                throw new LogStorageException("Malformed checkpoint " + file + ": expected " + count + " entries");
            }
            return new ArrayList<>(lines.subList(2, 2 + count));
        } catch (NumberFormatException e) {
            throw new LogStorageException("Malformed checkpoint " + file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new LogStorageException("Cannot read checkpoint " + file, e);
        }
    }

    /** Writes {@code name value} lines, in the map's order. */
    void writeNamedValues(java.util.LinkedHashMap<String, Long> values) {
        List<String> entries = new ArrayList<>(values.size());
        values.forEach((name, value) -> entries.add(name + " " + value));
        write(entries);
    }

    /**
     * The {@code name value} lines as a map; empty when the file is missing or unreadable, so callers fall
     * back to their defaults. Lines that do not parse are skipped.
     */
    java.util.Map<String, Long> readNamedValues() {
        List<String> lines;
        try {
            lines = read();
        } catch (LogStorageException e) {
            return java.util.Map.of();
        }
        java.util.Map<String, Long> values = new java.util.HashMap<>();
        if (lines == null) {
            return values;
        }
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                try {
                    values.put(parts[0], Long.parseLong(parts[1]));
                } catch (NumberFormatException ignored) {
                    // an unreadable value counts as absent
                }
            }
        }
        return values;
    }

    /** Makes a rename durable: the directory entry lives in the directory's own blocks. */
    static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // not every platform can open a directory; the rename is still atomic
        }
    }
}
