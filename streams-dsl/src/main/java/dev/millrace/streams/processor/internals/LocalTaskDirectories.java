package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.internals.StandaloneStateStoreContext;

import java.io.File;
import java.util.Set;
import java.util.TreeSet;

/** The tasks whose state this client has on disk: task directories ({@code <sub>_<partition>}) holding a checkpoint. */
final class LocalTaskDirectories {
    private LocalTaskDirectories() {
    }

    static Set<TaskId> withCheckpoint(File applicationDirectory) {
        Set<TaskId> out = new TreeSet<>();
        File[] dirs = applicationDirectory.listFiles(File::isDirectory);
        if (dirs == null) return out;
        for (File dir : dirs) {
            if (!dir.getName().matches("\\d+_\\d+")) continue;
            if (new File(dir, StandaloneStateStoreContext.CHECKPOINT_FILE_NAME).exists()) out.add(TaskId.parse(dir.getName()));
        }
        return out;
    }
}
