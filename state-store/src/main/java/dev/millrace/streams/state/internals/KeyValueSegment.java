package dev.millrace.streams.state.internals;

import dev.millrace.streams.errors.ProcessorStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One time segment of a window or session store: its own RocksDB database at
 * {@code <task state dir>/<store name>/<store name>.<segment id * segment interval>}, as Kafka Streams names them. A
 * segment is dropped whole once expired: closed, then its directory deleted.
 */
final class KeyValueSegment extends RocksDBStore {
    private final long id;

    KeyValueSegment(String segmentName, String storeName, long id) {
        super(segmentName, storeName);
        this.id = id;
    }

    long id() {
        return id;
    }

    /** Closes the database and deletes its files. */
    void destroy() {
        close();
        Path dir = dbDir().toPath();
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        } catch (IOException e) {
            throw new ProcessorStateException("cannot delete expired segment " + name() + " at " + dir, e);
        }
    }
}
