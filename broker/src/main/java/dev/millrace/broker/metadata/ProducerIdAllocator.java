package dev.millrace.broker.metadata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Hands out producer ids that are never reused, even across crashes: ids are reserved in blocks whose upper
 * bound is persisted before any id of the block is given out, as Kafka's producer id manager does.
 */
public final class ProducerIdAllocator {
    private static final long BLOCK_SIZE = 1000;

    private final Path file;
    private long next;
    private long blockEnd;

    public ProducerIdAllocator(Path metadataDir) {
        this.file = metadataDir.resolve("producer-ids.properties");
        long reserved = Files.exists(file)
                ? Long.parseLong(AtomicFiles.readProperties(file).get("next.block.start")) : 0;
        this.next = reserved;
        this.blockEnd = reserved;
    }

    public synchronized long next() {
        if (next >= blockEnd) {
            blockEnd = next + BLOCK_SIZE;
            AtomicFiles.writeProperties(file, Map.of("next.block.start", Long.toString(blockEnd)));
        }
        return next++;
    }
}
