package dev.millrace.broker.log;

import dev.millrace.broker.record.RecordBatch;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
        LinkedHashMap<String, Long> values = new LinkedHashMap<>();
        values.put("first-dirty-offset", state.firstDirtyOffset());
        values.put("next-delete-horizon-ms", state.nextDeleteHorizonMs());
        file.writeNamedValues(values);
    }

    /** The stored state; what is missing or unreadable reads as {@link State#NONE}'s value (all is dirty then). */
    State read() {
        Map<String, Long> values = file.readNamedValues();
        return new State(values.getOrDefault("first-dirty-offset", State.NONE.firstDirtyOffset()),
                values.getOrDefault("next-delete-horizon-ms", State.NONE.nextDeleteHorizonMs()));
    }
}
