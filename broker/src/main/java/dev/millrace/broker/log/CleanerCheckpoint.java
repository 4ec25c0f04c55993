package dev.millrace.broker.log;

import dev.millrace.broker.record.RecordBatch;
import java.nio.file.Path;
import java.util.List;

/**
 * The cleaner's progress for one partition, in {@code cleaner-offset-checkpoint}: the first dirty offset
 * (everything below it was cleaned, so a restart does not clean it all again) and the earliest delete
 * horizon of the tombstones still kept (when it passes, the log is worth cleaning again even with no new
 * writes). Kafka keeps the first part in one file per log dir; a file per partition keeps the
 * partition's owner thread its only writer, like {@link OffsetCheckpoint}.
 */
final class CleanerCheckpoint {
    static final String FILE_NAME = "cleaner-offset-checkpoint";
    private static final int VERSION = 0;

    /** First dirty offset (-1 unknown) and earliest pending delete horizon (-1 none). */
    record State(long firstDirtyOffset, long nextDeleteHorizonMs) {
        static final State NONE = new State(-1L, RecordBatch.NO_TIMESTAMP);
    }

    private final CheckpointFile file;

    CleanerCheckpoint(Path dir) {
        this.file = new CheckpointFile(dir.resolve(FILE_NAME), VERSION);
    }

    void write(State state) {
        file.write(List.of("first-dirty-offset " + state.firstDirtyOffset(),
                "next-delete-horizon-ms " + state.nextDeleteHorizonMs()));
    }

    /** The stored state, or {@link State#NONE} when the file is missing or unreadable (all is dirty then). */
    State read() {
        List<String> lines;
        try {
            lines = file.read();
        } catch (LogStorageException e) {
            return State.NONE;
        }
        if (lines == null) {
            return State.NONE;
        }
        long dirty = -1L;
        long horizon = RecordBatch.NO_TIMESTAMP;
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 2) {
                continue;
            }
            try {
                long value = Long.parseLong(parts[1]);
                switch (parts[0]) {
                    case "first-dirty-offset" -> dirty = value;
                    case "next-delete-horizon-ms" -> horizon = value;
                    default -> { }
                }
            } catch (NumberFormatException ignored) {
                // unknown value: treated as absent
            }
        }
        return new State(dirty, horizon);
    }
}
