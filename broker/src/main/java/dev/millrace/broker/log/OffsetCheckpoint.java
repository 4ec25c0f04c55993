package dev.millrace.broker.log;

import java.nio.file.Path;
import java.util.List;

/**
 * The partition's durable offsets in {@code offsets-checkpoint}: log start offset (moved by retention and
 * DeleteRecords), recovery point (everything below it is fsynced; recovery starts there) and high
 * watermark. Kafka keeps these in three per-directory files; one small file per partition keeps each
 * partition's owner thread the only writer of its own state.
 */
final class OffsetCheckpoint {
    static final String FILE_NAME = "offsets-checkpoint";
    private static final int VERSION = 0;

    /** The three offsets; -1 where unknown. */
    record Offsets(long logStartOffset, long recoveryPoint, long highWatermark) {
        static final Offsets NONE = new Offsets(-1L, -1L, -1L);
    }

    private final CheckpointFile file;

    OffsetCheckpoint(Path dir) {
        this.file = new CheckpointFile(dir.resolve(FILE_NAME), VERSION);
    }

    void write(Offsets offsets) {
        file.write(List.of("log-start-offset " + offsets.logStartOffset(),
                "recovery-point " + offsets.recoveryPoint(),
                "high-watermark " + offsets.highWatermark()));
    }

    /** The stored offsets, or {@link Offsets#NONE} when the file is missing or unreadable. */
    Offsets read() {
        List<String> lines;
        try {
            lines = file.read();
        } catch (LogStorageException e) {
            return Offsets.NONE;
        }
        if (lines == null) {
            return Offsets.NONE;
        }
        long start = -1;
        long recovery = -1;
        long hw = -1;
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 2) {
                continue;
            }
            try {
                long value = Long.parseLong(parts[1]);
                switch (parts[0]) {
                    case "log-start-offset" -> start = value;
                    case "recovery-point" -> recovery = value;
                    case "high-watermark" -> hw = value;
                    default -> { }
                }
            } catch (NumberFormatException ignored) {
                // an unreadable value counts as unknown
            }
        }
        return new Offsets(start, recovery, hw);
    }
}
