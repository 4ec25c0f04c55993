package dev.millrace.broker.log;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
        LinkedHashMap<String, Long> values = new LinkedHashMap<>();
        values.put("log-start-offset", offsets.logStartOffset());
        values.put("recovery-point", offsets.recoveryPoint());
        values.put("high-watermark", offsets.highWatermark());
        file.writeNamedValues(values);
    }

    /** The stored offsets; what is missing or unreadable reads as -1 (unknown). */
    Offsets read() {
        Map<String, Long> values = file.readNamedValues();
        return new Offsets(values.getOrDefault("log-start-offset", -1L), values.getOrDefault("recovery-point", -1L),
                values.getOrDefault("high-watermark", -1L));
    }
}
